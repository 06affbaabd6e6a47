package io.pitwall.simulator;

import io.pitwall.client.ImageRequest;
import io.pitwall.client.ManagementClient;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The demo's software: new firmware for five of the built-in hardware ids (gateways are workshop-only and
 * keep theirs), seeded bytes of a few dozen KiB each, uploaded, signed by the server, and published as one
 * release. Publish it after the fleet is imported: the catalog checks the hardware is known.
 */
public final class DemoRelease {

    /** One image of the release. */
    public record Target(
            String hardwareId, String ecuType, String version, long releaseCounter, String sha256, int length) {}

    /** The published release. */
    public record Published(long releaseId, String name, List<Target> targets) {

        public Published {
            targets = List.copyOf(targets);
        }

        public Optional<Target> forHardware(String hardwareId) {
            return targets.stream()
                    .filter(t -> t.hardwareId().equals(hardwareId))
                    .findFirst();
        }
    }

    private record Planned(
            String hardwareId, String ecuType, String name, String version, long counter, int kib, String risk) {

        /** The known-good image a rollback returns to: an earlier version with a lower release counter. */
        Planned knownGood() {
            return new Planned(hardwareId, ecuType, name, KNOWN_GOOD.get(hardwareId), counter - 1, kib, risk);
        }
    }

    private static final Map<String, String> KNOWN_GOOD = Map.of(
            "TCU-HW-5", "5.7.5", "BMS-HW-7", "3.2.5", "BMS-HW-8", "4.0.5", "IVI-HW-3", "12.9.0", "ADAS-HW-9", "7.2.5");
    private static final List<Planned> PLAN = List.of(
            new Planned("TCU-HW-5", "TELEMATICS", "Telematics unit firmware", "5.8.0", 58, 48, "LOW"),
            new Planned("BMS-HW-7", "BMS", "Battery management firmware", "3.3.0", 33, 32, "MEDIUM"),
            new Planned("BMS-HW-8", "BMS", "Battery management firmware", "4.1.0", 41, 32, "MEDIUM"),
            new Planned("IVI-HW-3", "INFOTAINMENT", "Infotainment system", "13.0.0", 130, 64, "LOW"),
            new Planned("ADAS-HW-9", "ADAS", "Driver assistance firmware", "7.3.0", 73, 40, "MEDIUM"));

    private DemoRelease() {}

    /** The hardware id and version of the demo's bad image ({@link #publishBad}). */
    public static final String BAD_HARDWARE = "BMS-HW-7";

    public static final String BAD_VERSION = "3.4.0";

    /**
     * Publishes a release of one image, {@link #BAD_HARDWARE} {@link #BAD_VERSION} above the demo release's
     * counter: the image the demo's fault profile makes fail its boot health check on most vehicles.
     */
    public static Published publishBad(ManagementClient client, long seed, String name, String version) {
        return publish(
                client,
                seed ^ 0xBAD,
                name,
                version,
                List.of(new Planned(BAD_HARDWARE, "BMS", "Battery management firmware", BAD_VERSION, 34, 32, "MEDIUM")),
                "A battery management update that fails its health check on most vehicles");
    }

    public static Published publish(ManagementClient client, long seed, String name, String version) {
        return publish(client, seed, name, version, PLAN, "Seeded demo firmware for every remotely updatable ECU");
    }

    /**
     * Publishes the known-good release: the previous version of every image of the demo release, the one
     * a campaign names as its rollback release. Publish it before the demo release (lower release counters).
     */
    public static Published publishKnownGood(ManagementClient client, long seed, String name, String version) {
        return publish(
                client,
                seed ^ 0x5EED,
                name,
                version,
                PLAN.stream().map(Planned::knownGood).toList(),
                "Known-good demo firmware, the rollback target");
    }

    private static Published publish(
            ManagementClient client, long seed, String name, String version, List<Planned> plan, String notes) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Long> imageIds = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        for (Planned p : plan) {
            byte[] content = new byte[p.kib() * 1024];
            random.nextBytes(content);
            String fileName = p.hardwareId().toLowerCase() + "-" + p.version() + ".bin";
            imageIds.add(client.uploadImage(
                    new ImageRequest(
                            p.hardwareId(), p.name(), p.version(), p.counter(), fileName, "AB", p.risk(), p.ecuType()),
                    content));
            targets.add(
                    new Target(p.hardwareId(), p.ecuType(), p.version(), p.counter(), sha256(content), content.length));
        }
        long releaseId = client.publishRelease(name, version, notes, imageIds);
        return new Published(releaseId, name, targets);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
