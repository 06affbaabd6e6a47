package io.pitwall.simulator.run;

import io.pitwall.agent.InstallPolicy;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.simulator.Pacing;
import io.pitwall.simulator.UptaneRoots;
import io.pitwall.simulator.fault.FleetCounters;
import java.time.Clock;
import java.util.List;

/**
 * What every simulated vehicle shares (one instance per simulation): keys, policy, pacing, tallies, world clock,
 * and the Uptane trust anchors ({@code null}: the vehicles verify only the signed targets entry).
 */
public record FleetContext(List<TufKey> trustedKeys, InstallPolicy policy, Pacing pacing, Clock world,
        FleetCounters counters, FleetOutcomes outcomes, UptaneRoots uptane) {

    public FleetContext {
        trustedKeys = List.copyOf(trustedKeys);
    }
}
