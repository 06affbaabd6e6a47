package io.pitwall.simulator.fault;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Fleet-wide tallies of what the simulated network and ECUs did; cheap to update from any thread. */
public final class FleetCounters {

    final LongAdder requests = new LongAdder();
    final LongAdder droppedBeforeSending = new LongAdder();
    final LongAdder droppedAfterSending = new LongAdder();
    final LongAdder eventBatches = new LongAdder();
    final LongAdder eventsSent = new LongAdder();
    final LongAdder batchesDuplicated = new LongAdder();
    final LongAdder batchesReordered = new LongAdder();
    final LongAdder downloadsResumed = new LongAdder();
    final LongAdder bytesDownloaded = new LongAdder();
    final LongAdder installs = new LongAdder();
    final LongAdder installsSucceeded = new LongAdder();
    final LongAdder installsFailed = new LongAdder();
    final LongAdder rollbacks = new LongAdder();
    final LongAdder agentKills = new LongAdder();
    final LongAdder realFailures = new LongAdder();
    final AtomicReference<String> firstRealFailure = new AtomicReference<>();

    /** A consistent-enough copy for progress lines and the summary. */
    public Counts counts() {
        return new Counts(
                requests.sum(),
                droppedBeforeSending.sum(),
                droppedAfterSending.sum(),
                eventBatches.sum(),
                eventsSent.sum(),
                batchesDuplicated.sum(),
                batchesReordered.sum(),
                downloadsResumed.sum(),
                bytesDownloaded.sum(),
                installs.sum(),
                installsSucceeded.sum(),
                installsFailed.sum(),
                rollbacks.sum(),
                agentKills.sum(),
                realFailures.sum(),
                firstRealFailure.get());
    }

    /**
     * @param installs          install attempts (the installer was called)
     * @param installsFailed    attempts that left the ECU on its old image without switching
     * @param eventsSent        events carried by batches that reached the server, resends included
     * @param realFailures      requests that failed for real (server down or refusing), not by simulation
     */
    public record Counts(
            long requests,
            long droppedBeforeSending,
            long droppedAfterSending,
            long eventBatches,
            long eventsSent,
            long batchesDuplicated,
            long batchesReordered,
            long downloadsResumed,
            long bytesDownloaded,
            long installs,
            long installsSucceeded,
            long installsFailed,
            long rollbacks,
            long agentKills,
            long realFailures,
            String firstRealFailure) {}
}
