package io.pitwall.agent;

/**
 * The image an ECU runs: version label, sha256 (lower-case hex), the release counter it was signed with, and
 * its length in bytes (0 when the ECU cannot tell, e.g. a factory image); the ECU's signed version report
 * states the length and sha256.
 */
public record InstalledImage(String version, String sha256, long releaseCounter, long length) {

    public InstalledImage {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative");
        }
    }

    /** An image whose length the ECU does not know. */
    public InstalledImage(String version, String sha256, long releaseCounter) {
        this(version, sha256, releaseCounter, 0);
    }
}
