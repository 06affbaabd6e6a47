package io.pitwall.simulator.fault;

/**
 * How often installs of one hardware id (and, when {@code version} is set, of that target version) go
 * wrong: {@code writeFailure} per attempt (retried by the agent), {@code bootFailure} per boot of the new
 * image (three unhealthy boots roll back).
 */
public record InstallFault(String hardwareId, String version, double writeFailure, double bootFailure) {

    public InstallFault {
        if (hardwareId == null || hardwareId.isBlank()) {
            throw new IllegalArgumentException("an install fault names a hardwareId");
        }
        Shares.check("writeFailure", writeFailure);
        Shares.check("bootFailure", bootFailure);
    }

    boolean matches(String targetHardwareId, String targetVersion) {
        return hardwareId.equals(targetHardwareId) && (version == null || version.equals(targetVersion));
    }
}
