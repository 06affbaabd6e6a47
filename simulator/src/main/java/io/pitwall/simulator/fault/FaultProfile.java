package io.pitwall.simulator.fault;

import io.pitwall.agent.sim.FaultModel;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What goes wrong in a simulated fleet. Shares are per vehicle (drawn once from its seed), rates per
 * request or per install. Every vehicle eventually gets what it needs — batteries charge, drivers park,
 * killed agents restart — so a campaign always reaches its end; faults change the path, not the reach.
 *
 * @param networkDropRate          share of device requests that fail: half before reaching the server, half
 *                                 after it processed them (the answer is lost; a download breaks off mid-body)
 * @param latencyMin               least extra delay per request
 * @param latencyMax               most extra delay per request
 * @param duplicateBatchShare      share of event batches sent twice
 * @param reorderBatchShare        share of event batches whose tail is sent before their head
 * @param lowBatteryShare          share of vehicles starting below the install battery threshold (they charge)
 * @param ignitionOnShare          share of vehicles being driven at the start (they park later)
 * @param installFaults            install failure rates per hardware id and version; the first match applies
 * @param crashDuringDownloadShare share of vehicles whose agent is killed once in the middle of a download
 * @param crashDuringInstallShare  share of vehicles whose agent is killed once during an install
 * @param maxClockSkew             each vehicle's clock is off by up to this much, either way
 * @param dtcs                     the DTC reports the ECUs send: background rates, bursts, clears, bad images
 */
public record FaultProfile(
        String name,
        double networkDropRate,
        Duration latencyMin,
        Duration latencyMax,
        double duplicateBatchShare,
        double reorderBatchShare,
        double lowBatteryShare,
        double ignitionOnShare,
        List<InstallFault> installFaults,
        double crashDuringDownloadShare,
        double crashDuringInstallShare,
        Duration maxClockSkew,
        DtcStreams dtcs) {

    public FaultProfile {
        dtcs = dtcs == null ? DtcStreams.NONE : dtcs;
        Shares.check("networkDropRate", networkDropRate);
        Shares.check("duplicateBatchShare", duplicateBatchShare);
        Shares.check("reorderBatchShare", reorderBatchShare);
        Shares.check("lowBatteryShare", lowBatteryShare);
        Shares.check("ignitionOnShare", ignitionOnShare);
        Shares.check("crashDuringDownloadShare", crashDuringDownloadShare);
        Shares.check("crashDuringInstallShare", crashDuringInstallShare);
        if (latencyMin.isNegative() || latencyMax.compareTo(latencyMin) < 0 || maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("need 0 <= latency min <= latency max and a non-negative clock skew");
        }
        installFaults = List.copyOf(installFaults);
    }

    public static final FaultProfile CLEAN = new FaultProfile(
            "clean", 0, Duration.ZERO, Duration.ZERO, 0, 0, 0, 0, List.of(), 0, 0, Duration.ZERO, DtcStreams.NONE);

    /** A bad mobile network: drops, delays, resent and reordered batches; vehicles and ECUs are fine. */
    public static final FaultProfile FLAKY_NETWORK = new FaultProfile(
            "flaky-network",
            0.2,
            Duration.ofMillis(10),
            Duration.ofMillis(150),
            0.05,
            0.05,
            0,
            0,
            List.of(),
            0,
            0,
            Duration.ZERO,
            DtcStreams.NONE);

    /** Everything at once, hard: 30 % of requests fail, agents crash, ECUs fail, clocks are off by minutes. */
    public static final FaultProfile HARSH = new FaultProfile(
            "harsh",
            0.3,
            Duration.ofMillis(20),
            Duration.ofMillis(300),
            0.1,
            0.1,
            0.2,
            0.3,
            List.of(new InstallFault("ADAS-HW-9", null, 0.1, 0.3), new InstallFault("IVI-HW-3", null, 0.2, 0.05)),
            0.05,
            0.05,
            Duration.ofMinutes(10),
            DtcStreams.NONE);

    /** A realistic day: a little packet loss, some vehicles driving or low on charge, a few rollbacks. */
    public static final FaultProfile DEMO = new FaultProfile(
            "demo",
            0.02,
            Duration.ZERO,
            Duration.ofMillis(20),
            0.01,
            0.01,
            0.08,
            0.15,
            List.of(new InstallFault("ADAS-HW-9", null, 0, 0.5), new InstallFault("IVI-HW-3", null, 0.05, 0)),
            0.01,
            0.02,
            Duration.ofSeconds(30),
            DtcStreams.NONE);

    private static final Map<String, FaultProfile> BUILT_IN =
            Map.of(CLEAN.name, CLEAN, FLAKY_NETWORK.name, FLAKY_NETWORK, HARSH.name, HARSH, DEMO.name, DEMO);

    /** The built-in profile of this name: clean, flaky-network, harsh or demo. */
    public static Optional<FaultProfile> named(String name) {
        return Optional.ofNullable(BUILT_IN.get(name == null ? "" : name.toLowerCase(Locale.ROOT)));
    }

    public static List<String> names() {
        return List.of(CLEAN.name, FLAKY_NETWORK.name, HARSH.name, DEMO.name);
    }

    /** The simulated ECUs' install failure odds for a target (an exact-share fault as if the ECU was not picked). */
    public FaultModel faultModel() {
        return faultModel(f -> false);
    }

    /** One ECU's install failure odds; {@code picked} says whether it is among an exact-share fault's ECUs. */
    public FaultModel faultModel(Predicate<InstallFault> picked) {
        if (installFaults.isEmpty()) {
            return FaultModel.none();
        }
        return target -> installFaults.stream()
                .filter(f -> f.matches(target.hardwareId(), target.version()))
                .findFirst()
                .map(f -> f.exactShare() == null || picked.test(f)
                        ? new FaultModel.Faults(f.writeFailure(), f.bootFailure())
                        : new FaultModel.Faults(0, 0))
                .orElse(new FaultModel.Faults(0, 0));
    }

    /** Whether some install fault hits an exact share of its hardware id's ECUs. */
    public boolean hasExactShares() {
        return installFaults.stream().anyMatch(f -> f.exactShare() != null);
    }

    public FaultProfile withNetworkDropRate(double rate) {
        return new FaultProfile(
                name,
                rate,
                latencyMin,
                latencyMax,
                duplicateBatchShare,
                reorderBatchShare,
                lowBatteryShare,
                ignitionOnShare,
                installFaults,
                crashDuringDownloadShare,
                crashDuringInstallShare,
                maxClockSkew,
                dtcs);
    }

    public FaultProfile withBatchChaos(double duplicateShare, double reorderShare) {
        return new FaultProfile(
                name,
                networkDropRate,
                latencyMin,
                latencyMax,
                duplicateShare,
                reorderShare,
                lowBatteryShare,
                ignitionOnShare,
                installFaults,
                crashDuringDownloadShare,
                crashDuringInstallShare,
                maxClockSkew,
                dtcs);
    }

    public FaultProfile withVehicleConditions(double lowBattery, double ignitionOn) {
        return new FaultProfile(
                name,
                networkDropRate,
                latencyMin,
                latencyMax,
                duplicateBatchShare,
                reorderBatchShare,
                lowBattery,
                ignitionOn,
                installFaults,
                crashDuringDownloadShare,
                crashDuringInstallShare,
                maxClockSkew,
                dtcs);
    }

    public FaultProfile withInstallFaults(List<InstallFault> faults) {
        return new FaultProfile(
                name,
                networkDropRate,
                latencyMin,
                latencyMax,
                duplicateBatchShare,
                reorderBatchShare,
                lowBatteryShare,
                ignitionOnShare,
                faults,
                crashDuringDownloadShare,
                crashDuringInstallShare,
                maxClockSkew,
                dtcs);
    }

    public FaultProfile withCrashes(double duringDownload, double duringInstall) {
        return new FaultProfile(
                name,
                networkDropRate,
                latencyMin,
                latencyMax,
                duplicateBatchShare,
                reorderBatchShare,
                lowBatteryShare,
                ignitionOnShare,
                installFaults,
                duringDownload,
                duringInstall,
                maxClockSkew,
                dtcs);
    }

    public FaultProfile withMaxClockSkew(Duration skew) {
        return new FaultProfile(
                name,
                networkDropRate,
                latencyMin,
                latencyMax,
                duplicateBatchShare,
                reorderBatchShare,
                lowBatteryShare,
                ignitionOnShare,
                installFaults,
                crashDuringDownloadShare,
                crashDuringInstallShare,
                skew,
                dtcs);
    }

    public FaultProfile withLatency(Duration min, Duration max) {
        return new FaultProfile(
                name,
                networkDropRate,
                min,
                max,
                duplicateBatchShare,
                reorderBatchShare,
                lowBatteryShare,
                ignitionOnShare,
                installFaults,
                crashDuringDownloadShare,
                crashDuringInstallShare,
                maxClockSkew,
                dtcs);
    }

    public FaultProfile withName(String newName) {
        return new FaultProfile(
                newName,
                networkDropRate,
                latencyMin,
                latencyMax,
                duplicateBatchShare,
                reorderBatchShare,
                lowBatteryShare,
                ignitionOnShare,
                installFaults,
                crashDuringDownloadShare,
                crashDuringInstallShare,
                maxClockSkew,
                dtcs);
    }

    /** The same profile whose ECUs report these DTC streams. */
    public FaultProfile withDtcs(DtcStreams streams) {
        return new FaultProfile(
                name,
                networkDropRate,
                latencyMin,
                latencyMax,
                duplicateBatchShare,
                reorderBatchShare,
                lowBatteryShare,
                ignitionOnShare,
                installFaults,
                crashDuringDownloadShare,
                crashDuringInstallShare,
                maxClockSkew,
                streams);
    }
}
