package io.pitwall.simulator;

import io.pitwall.agent.AgentLifecycle.State;
import io.pitwall.client.CampaignProgress;
import io.pitwall.simulator.fault.FleetCounters;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The terminal output of a simulation: one progress line per second and the final summary. */
public final class Reports {

    private Reports() {}

    /** {@code [  12s] 500 vehicles | IDLE 120 DOWNLOADING 40 … | events pending 37 | campaign 1 RUNNING: …}. */
    public static String progressLine(FleetSnapshot s, List<CampaignProgress> campaigns, String campaignError) {
        StringJoiner line = new StringJoiner(" | ");
        line.add(String.format("[%4ds] %d vehicles", s.elapsed().toSeconds(), s.vehicles()));
        StringJoiner states = new StringJoiner(" ");
        for (State state : State.values()) {
            int n = s.byState().getOrDefault(state, 0);
            if (n > 0) {
                states.add(state.name() + " " + n);
            }
        }
        if (s.down() > 0) {
            states.add("DOWN " + s.down());
        }
        line.add(states.toString());
        line.add("events pending " + s.eventsPending());
        if (campaignError != null) {
            line.add("server: " + campaignError);
        }
        for (CampaignProgress c : campaigns) {
            line.add("campaign " + c.id() + " " + c.status() + ": " + counts(c.byStatus()));
        }
        return line.toString();
    }

    /** The multi-line summary: outcomes on the vehicles and on the server, events, installs, network. */
    public static String summary(FleetSnapshot s, List<CampaignProgress> campaigns) {
        FleetCounters.Counts c = s.counts();
        StringBuilder out = new StringBuilder();
        out.append(String.format("Summary after %ds: %d vehicles%n", s.elapsed().toSeconds(), s.vehicles()));
        out.append(String.format(
                "  on the vehicles: %s COMPLETED, %s FAILED, %s ROLLED_BACK (agents now: %s)%n",
                s.outcome(State.COMPLETED),
                s.outcome(State.FAILED),
                s.outcome(State.ROLLED_BACK),
                counts(s.byState())));
        for (CampaignProgress p : campaigns) {
            out.append(String.format(
                    "  campaign %d \"%s\" %s: %d assignments, by state: %s; failures by category: %s%n",
                    p.id(),
                    p.name(),
                    p.status(),
                    p.assignments(),
                    counts(p.byStatus()),
                    p.byFailureCategory().isEmpty() ? "none" : counts(p.byFailureCategory())));
        }
        out.append(String.format(
                "  installs: %d attempts, %d succeeded, %d failed, %d rolled back; "
                        + "downloads resumed: %d (%,d bytes downloaded)%n",
                c.installs(),
                c.installsSucceeded(),
                c.installsFailed(),
                c.rollbacks(),
                c.downloadsResumed(),
                c.bytesDownloaded()));
        out.append(String.format(
                "  events: %d produced, %d acknowledged, %d pending; %d sent in %d batches "
                        + "(resends included; %d batches duplicated, %d reordered)%n",
                s.eventsProduced(),
                s.eventsAcknowledged(),
                s.eventsPending(),
                c.eventsSent(),
                c.eventBatches(),
                c.batchesDuplicated(),
                c.batchesReordered()));
        out.append(String.format(
                "  network: %d requests, %d dropped before sending, %d answers lost (simulated), "
                        + "%d failed for real%s; agents killed: %d%n",
                c.requests(),
                c.droppedBeforeSending(),
                c.droppedAfterSending(),
                c.realFailures(),
                c.firstRealFailure() == null ? "" : " (first: " + c.firstRealFailure() + ")",
                c.agentKills()));
        if (s.tickErrors() > 0) {
            out.append(String.format("  tick errors: %d, first: %s%n", s.tickErrors(), s.firstTickError()));
        }
        return out.toString();
    }

    private static String counts(Map<?, ? extends Number> counts) {
        StringJoiner joined = new StringJoiner(", ");
        counts.forEach((k, v) -> joined.add(k + " " + v));
        return joined.length() == 0 ? "none" : joined.toString();
    }
}
