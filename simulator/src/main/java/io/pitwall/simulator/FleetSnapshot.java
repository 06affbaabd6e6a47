package io.pitwall.simulator;

import io.pitwall.agent.AgentLifecycle.State;
import io.pitwall.simulator.fault.FleetCounters;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The fleet at one moment: agents by lifecycle state ({@code down}: killed, not yet restarted), events
 * produced and still pending, how assignments ended on the vehicles, and the network and ECU tallies.
 */
public record FleetSnapshot(
        Duration elapsed,
        int vehicles,
        Map<State, Integer> byState,
        int down,
        long eventsPending,
        long eventsProduced,
        Map<State, Long> outcomes,
        FleetCounters.Counts counts,
        long tickErrors,
        Throwable firstTickError) {

    public FleetSnapshot {
        byState = ordered(byState);
        outcomes = ordered(outcomes);
    }

    private static <V> Map<State, V> ordered(Map<State, V> counts) {
        Map<State, V> copy = new EnumMap<>(State.class);
        copy.putAll(counts);
        return Collections.unmodifiableMap(copy);
    }

    public long eventsAcknowledged() {
        return eventsProduced - eventsPending;
    }

    public long outcome(State state) {
        return outcomes.getOrDefault(state, 0L);
    }
}
