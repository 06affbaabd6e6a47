package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One line of the ECU manifest: what an ECU runs right now.
 *
 * @param installedSha256 lower-case hex sha256 of the active image
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EcuVersion(String serial, String hardwareId, String installedVersion, String installedSha256) {

    public EcuVersion {
        Require.text(serial, "serial");
        Require.text(hardwareId, "hardwareId");
    }
}
