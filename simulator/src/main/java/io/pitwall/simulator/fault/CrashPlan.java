package io.pitwall.simulator.fault;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When one vehicle's agent gets killed: at most once in the middle of its first download (after
 * {@code downloadFraction} of the first chunk) and at most once during its first install, either before
 * the ECU was written or right after the installer finished, before the agent recorded the outcome.
 */
public final class CrashPlan {

    /** Where an install is interrupted. */
    public enum InstallKill {
        NONE,
        BEFORE_WRITE,
        AFTER_INSTALL
    }

    public static final CrashPlan NONE = new CrashPlan(-1, InstallKill.NONE);
    private final double downloadFraction;
    private final InstallKill installKill;
    private final AtomicBoolean downloadArmed;
    private final AtomicBoolean installArmed;

    public CrashPlan(double downloadFraction, InstallKill installKill) {
        this.downloadFraction = downloadFraction;
        this.installKill = installKill;
        this.downloadArmed = new AtomicBoolean(downloadFraction > 0);
        this.installArmed = new AtomicBoolean(installKill != InstallKill.NONE);
    }

    /** Whether this vehicle ever gets killed, so it needs storage that survives (a directory). */
    public boolean killsAgent() {
        return downloadFraction > 0 || installKill != InstallKill.NONE;
    }

    public InstallKill installKill() {
        return installKill;
    }

    /** Whether the kill mid-download happened. */
    public boolean killedDuringDownload() {
        return downloadFraction > 0 && !downloadArmed.get();
    }

    /** Whether the kill during an install happened. */
    public boolean killedDuringInstall() {
        return installKill != InstallKill.NONE && !installArmed.get();
    }

    /** The fraction of the first chunk after which to kill, once; negative when not (any more). */
    double takeDownloadKill() {
        return downloadArmed.compareAndSet(true, false) ? downloadFraction : -1;
    }

    InstallKill takeInstallKill() {
        return installArmed.compareAndSet(true, false) ? installKill : InstallKill.NONE;
    }
}
