package io.pitwall.simulator.fault;

import io.pitwall.agent.EcuInstaller;
import io.pitwall.agent.InstallOutcome;
import io.pitwall.agent.InstallRequest;
import io.pitwall.agent.InstalledImage;
import io.pitwall.agent.sim.SimulatedEcuInstaller;
import java.util.Optional;

/**
 * A simulated A/B ECU as the agent sees it: counts what its installs end in and, when the vehicle's
 * {@link CrashPlan} says so, kills the agent just before the ECU is written or just after the installer
 * finished. The ECU itself (slots, boot counter) survives the kill, as hardware does.
 */
public final class FaultyEcu implements EcuInstaller {

    private final String serial;
    private final String hardwareId;
    private final SimulatedEcuInstaller ecu;
    private final CrashPlan plan;
    private final FleetCounters counters;

    public FaultyEcu(
            String serial, String hardwareId, SimulatedEcuInstaller ecu, CrashPlan plan, FleetCounters counters) {
        this.serial = serial;
        this.hardwareId = hardwareId;
        this.ecu = ecu;
        this.plan = plan;
        this.counters = counters;
    }

    @Override
    public InstalledImage installed() {
        return ecu.installed();
    }

    @Override
    public boolean allowsInPlace() {
        return ecu.allowsInPlace();
    }

    @Override
    public InstallOutcome install(InstallRequest request) {
        CrashPlan.InstallKill kill = plan.takeInstallKill();
        if (kill == CrashPlan.InstallKill.BEFORE_WRITE) {
            counters.agentKills.increment();
            throw new AgentKilled("before writing ECU " + serial);
        }
        InstallOutcome outcome = ecu.install(request);
        counters.installs.increment();
        if (outcome instanceof InstallOutcome.Installed) {
            counters.installsSucceeded.increment();
        } else if (outcome instanceof InstallOutcome.RolledBack) {
            counters.rollbacks.increment();
        } else {
            counters.installsFailed.increment();
        }
        if (kill == CrashPlan.InstallKill.AFTER_INSTALL) {
            counters.agentKills.increment();
            throw new AgentKilled("after ECU " + serial + " finished installing, before the agent recorded it");
        }
        return outcome;
    }

    @Override
    public Optional<InstallOutcome> lastOutcome(String assignmentId, String imageSha256) {
        return ecu.lastOutcome(assignmentId, imageSha256);
    }

    public String serial() {
        return serial;
    }

    public String hardwareId() {
        return hardwareId;
    }

    /** Install attempts that reached the ECU (the installer was called). */
    public int installs() {
        return ecu.installs();
    }
}
