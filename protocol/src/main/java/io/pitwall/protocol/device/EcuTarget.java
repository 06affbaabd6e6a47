package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.pitwall.protocol.tuf.Envelope;
import tools.jackson.databind.JsonNode;

/**
 * What one ECU of an assignment must install. {@code signedTarget} is the image's TUF targets entry as a
 * signed envelope ({@link io.pitwall.protocol.tuf.SignedTarget}); the agent refuses the image unless a
 * trusted key signed it for {@code targetPath} and it agrees with this record's length, hashes, hardware
 * id and release counter. {@code downloadUrl} is absolute or relative to the server's base URI.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EcuTarget(
        String ecuSerial,
        String hardwareId,
        String targetPath,
        String version,
        String downloadUrl,
        long length,
        Hashes hashes,
        long releaseCounter,
        InstallType installType,
        JsonNode signedTarget) {

    public EcuTarget {
        Require.text(ecuSerial, "ecuSerial");
        Require.text(hardwareId, "hardwareId");
        Require.text(targetPath, "targetPath");
        Require.text(downloadUrl, "downloadUrl");
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative");
        }
        if (hashes == null) {
            throw new IllegalArgumentException("hashes are required");
        }
        installType = installType == null ? InstallType.AB : installType;
    }

    /** The signed targets entry as an envelope; fails with IllegalArgumentException when malformed. */
    public Envelope envelope() {
        return Envelope.fromJson(signedTarget);
    }
}
