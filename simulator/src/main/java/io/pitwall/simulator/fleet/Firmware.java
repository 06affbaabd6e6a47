package io.pitwall.simulator.fleet;

import io.pitwall.agent.InstalledImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A factory firmware of one hardware id: version, release counter, how common it is in the fleet, and the
 * image the ECU runs (its sha256 stands for bytes nobody needs to hold). One instance is shared by every
 * ECU that runs it.
 */
public record Firmware(String hardwareId, String version, long releaseCounter, int weight, InstalledImage image) {

    public Firmware {
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be positive");
        }
    }

    public static Firmware of(String hardwareId, String version, long releaseCounter, int weight) {
        String sha256 = sha256("pitwall-factory-image:" + hardwareId + ":" + version);
        return new Firmware(
                hardwareId, version, releaseCounter, weight, new InstalledImage(version, sha256, releaseCounter));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
