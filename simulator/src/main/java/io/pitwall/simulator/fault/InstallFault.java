package io.pitwall.simulator.fault;

/**
 * How often installs of one hardware id (and, when {@code version} is set, of that target version) go
 * wrong: {@code writeFailure} per attempt (retried by the agent), {@code bootFailure} per boot of the new
 * image (three unhealthy boots roll back).
 *
 * @param exactShare {@code null}: the odds apply to every matching ECU. Otherwise exactly
 *                   {@code round(exactShare × n)} of the fleet's n ECUs of this hardware id, picked by the seed,
 *                   get the odds and the others install cleanly, so "20 % of these ECUs fail" holds exactly
 *                   (with odds of 1) instead of on average
 */
public record InstallFault(
        String hardwareId, String version, double writeFailure, double bootFailure, Double exactShare) {

    public InstallFault {
        if (hardwareId == null || hardwareId.isBlank()) {
            throw new IllegalArgumentException("an install fault names a hardwareId");
        }
        Shares.check("writeFailure", writeFailure);
        Shares.check("bootFailure", bootFailure);
        if (exactShare != null) {
            Shares.check("exactShare", exactShare);
        }
    }

    /** The odds for every matching ECU. */
    public InstallFault(String hardwareId, String version, double writeFailure, double bootFailure) {
        this(hardwareId, version, writeFailure, bootFailure, null);
    }

    /** Every install of exactly {@code share} of the fleet's ECUs of this hardware id fails its flash write. */
    public static InstallFault failingExactly(String hardwareId, String version, double share) {
        return new InstallFault(hardwareId, version, 1, 0, share);
    }

    boolean matches(String targetHardwareId, String targetVersion) {
        return hardwareId.equals(targetHardwareId) && (version == null || version.equals(targetVersion));
    }
}
