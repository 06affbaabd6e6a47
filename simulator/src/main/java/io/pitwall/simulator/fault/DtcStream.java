package io.pitwall.simulator.fault;

import io.pitwall.protocol.dtc.Dtc;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One vehicle's DTC reports over world time. Time is cut into whole hours; each (ECU, hour) draws its faults
 * from its own generator seeded by the vehicle's seed, the ECU's position and the hour, in three independent
 * streams (background, bad image, clear), so the reports of an hour depend only on the seed and on the image
 * the ECU runs when the hour is reported, never on how often the vehicle ticked or on the other knobs. An hour
 * is reported once it is over; hours before the stream started are not reported. Single-threaded, as the
 * vehicle's ticks are; the counts are published for readers on other threads.
 */
public final class DtcStream {

    /** An ECU as the stream sees it; {@code version} is read when an hour is reported (installs change it). */
    public record Ecu(String serial, String type, String hardwareId, Supplier<String> version) {}

    static final long HOUR_MILLIS = 3_600_000L;
    private static final DtcReport.Format[] FORMATS = DtcReport.Format.values();
    private final DtcStreams config;
    private final long seed;
    private final List<Ecu> ecus;
    private volatile long nextHour;
    private volatile long faults;
    private volatile long clears;

    public DtcStream(DtcStreams config, long seed, List<Ecu> ecus, long startMillis) {
        this.config = config;
        this.seed = seed;
        this.ecus = List.copyOf(ecus);
        this.nextHour = Math.floorDiv(startMillis, HOUR_MILLIS) + 1;
    }

    /** Hands {@code sink} the reports of every hour that ended at or before {@code nowMillis} and was not reported. */
    public void emit(long nowMillis, Consumer<DtcReport> sink) {
        long current = Math.floorDiv(nowMillis, HOUR_MILLIS);
        for (long hour = nextHour; hour < current; hour++) {
            for (int i = 0; i < ecus.size(); i++) {
                hour(hour, i, ecus.get(i), sink);
            }
        }
        nextHour = Math.max(nextHour, current);
    }

    private void hour(long hour, int index, Ecu ecu, Consumer<DtcReport> sink) {
        List<String> usual = DtcReport.usual(ecu.type());
        SplittableRandom background = random(hour, index, 0);
        int count = faults(background, config.background(ecu.type()), usual, null, ecu, sink);
        DtcStreams.BadImage bad = config.isEmpty()
                ? null
                : config.badImage(ecu.hardwareId(), ecu.version().get());
        if (bad != null) {
            count += faults(
                    random(hour, index, 1),
                    bad.perDay(),
                    usual,
                    bad.code() == null ? usual.get(0) : bad.code(),
                    ecu,
                    sink);
        }
        if (count > 0 && random(hour, index, 2).nextDouble() < config.clearShare()) {
            sink.accept(DtcReport.cleared(ecu.serial()));
            clears++;
        }
    }

    /** Draws one hour's faults of one rate; every fault makes the same draws whatever it turns out to be. */
    private int faults(
            SplittableRandom random,
            double perDay,
            List<String> usual,
            String fixedCode,
            Ecu ecu,
            Consumer<DtcReport> sink) {
        int n = poisson(random, perDay / 24);
        int reports = 0;
        for (int k = 0; k < n; k++) {
            String pick = usual.get(random.nextInt(usual.size()));
            Dtc dtc = Dtc.parse(fixedCode != null ? fixedCode : pick);
            DtcReport.Format format = FORMATS[random.nextInt(FORMATS.length)];
            int times = random.nextDouble() < config.burstShare() ? config.burstReports() : 1;
            for (int t = 0; t < times; t++) {
                sink.accept(DtcReport.fault(ecu.serial(), dtc, format));
            }
            reports += times;
        }
        faults += reports;
        return reports;
    }

    /** Knuth's multiplication method: exact, and cheap for the small hourly means (at most 10). */
    static int poisson(SplittableRandom random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            n++;
            product *= random.nextDouble();
        }
        return n;
    }

    private SplittableRandom random(long hour, int ecu, int stream) {
        return new SplittableRandom(mix(mix(mix(seed) ^ hour) ^ ((long) ecu << 8 | stream)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** World time (epoch millis) up to which every hour was reported. */
    public long reportedThrough() {
        return nextHour * HOUR_MILLIS;
    }

    /** Fault reports handed out so far (a burst counts each report). */
    public long faultReports() {
        return faults;
    }

    /** Cleared fault memories reported so far. */
    public long clears() {
        return clears;
    }
}
