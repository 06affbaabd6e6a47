package io.pitwall.simulator.run;

import io.pitwall.agent.EcuKey;
import io.pitwall.agent.InstallPolicy;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.simulator.Pacing;
import io.pitwall.simulator.UptaneRoots;
import io.pitwall.simulator.fault.FleetCounters;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * What every simulated vehicle shares (one instance per simulation): keys, policy, pacing, tallies, world clock,
 * the Uptane trust anchors ({@code null}: the vehicles verify only the signed targets entry), and the ECU
 * identity keys by ECU serial (empty: no ECU signs version reports).
 */
public record FleetContext(
        List<TufKey> trustedKeys,
        InstallPolicy policy,
        Pacing pacing,
        Clock world,
        FleetCounters counters,
        FleetOutcomes outcomes,
        UptaneRoots uptane,
        Map<String, EcuKey> ecuKeys) {

    public FleetContext {
        trustedKeys = List.copyOf(trustedKeys);
        ecuKeys = ecuKeys == null ? Map.of() : Map.copyOf(ecuKeys);
    }

    public FleetContext(
            List<TufKey> trustedKeys,
            InstallPolicy policy,
            Pacing pacing,
            Clock world,
            FleetCounters counters,
            FleetOutcomes outcomes,
            UptaneRoots uptane) {
        this(trustedKeys, policy, pacing, world, counters, outcomes, uptane, Map.of());
    }
}
