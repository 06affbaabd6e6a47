package io.pitwall.simulator.fault;

import io.pitwall.protocol.dtc.Dtc;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The diagnostic trouble codes simulated ECUs report (issue 6's "realistic streams"). Rates are confirmed
 * faults per ECU and day of the world clock, drawn per ECU and hour as Poisson counts from the vehicle's seed,
 * so a seed gives the same faults in the same hours however often the vehicle ticks.
 *
 * @param backgroundPerDay mean faults per ECU and day by ECU type ({@code BMS}, {@code INFOTAINMENT},
 *                         {@code TELEMATICS}, {@code GATEWAY}, {@code ADAS}); types not named report none
 * @param burstShare       share of faults reported as a burst: the same DTC in {@code burstReports} reports
 *                         within its hour (a flapping fault; each report counts)
 * @param burstReports     reports of one burst, at least 2
 * @param clearShare       share of hours with faults that end with the ECU's fault memory cleared (an empty report)
 * @param badImages        extra fault rates on ECUs running a given image: the bad-image knob
 */
public record DtcStreams(
        Map<String, Double> backgroundPerDay,
        double burstShare,
        int burstReports,
        double clearShare,
        List<BadImage> badImages) {

    /** Most faults per ECU and day a rate may ask for (keeps the hourly Poisson draw cheap and exact). */
    public static final double MAX_PER_DAY = 240;

    public static final DtcStreams NONE = new DtcStreams(Map.of(), 0, 2, 0, List.of());

    public DtcStreams {
        backgroundPerDay = new TreeMap<>(backgroundPerDay);
        backgroundPerDay.forEach((type, rate) -> rate(type == null ? "" : type, rate));
        backgroundPerDay = Map.copyOf(backgroundPerDay);
        Shares.check("burstShare", burstShare);
        Shares.check("clearShare", clearShare);
        if (burstReports < 2 || burstReports > 20) {
            throw new IllegalArgumentException("burstReports is 2-20, got " + burstReports);
        }
        badImages = List.copyOf(badImages);
    }

    /**
     * ECUs of {@code hardwareId} running {@code version} report {@code perDay} more faults a day, all of
     * {@code code} (J2012 text; default: the first code of the ECU type's usual ones).
     */
    public record BadImage(String hardwareId, String version, double perDay, String code) {

        public BadImage {
            if (hardwareId == null || hardwareId.isBlank() || version == null || version.isBlank()) {
                throw new IllegalArgumentException("a bad image names a hardwareId and a version");
            }
            rate("bad image " + hardwareId + " " + version, perDay);
            if (code != null) {
                Dtc.parse(code);
            }
        }

        boolean matches(String ecuHardwareId, String ecuVersion) {
            return hardwareId.equals(ecuHardwareId) && version.equals(ecuVersion);
        }
    }

    /** Mean faults per day of the background of this ECU type. */
    public double background(String ecuType) {
        return backgroundPerDay.getOrDefault(ecuType, 0.0);
    }

    /** The bad image an ECU of this hardware runs now, if it is one. */
    public BadImage badImage(String hardwareId, String version) {
        for (BadImage bad : badImages) {
            if (bad.matches(hardwareId, version)) {
                return bad;
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return backgroundPerDay.values().stream().allMatch(r -> r == 0) && badImages.isEmpty();
    }

    public DtcStreams withBadImages(List<BadImage> images) {
        return new DtcStreams(backgroundPerDay, burstShare, burstReports, clearShare, images);
    }

    private static void rate(String what, Double perDay) {
        if (perDay == null || !(perDay >= 0 && perDay <= MAX_PER_DAY)) {
            throw new IllegalArgumentException(what + ": faults per day is 0-" + (int) MAX_PER_DAY + ", got " + perDay);
        }
    }
}
