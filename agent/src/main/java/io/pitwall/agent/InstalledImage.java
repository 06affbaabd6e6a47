package io.pitwall.agent;

/** The image an ECU runs: version label, sha256 (lower-case hex) and the release counter it was signed with. */
public record InstalledImage(String version, String sha256, long releaseCounter) {
}
