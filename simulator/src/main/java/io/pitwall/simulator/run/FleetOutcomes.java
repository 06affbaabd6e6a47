package io.pitwall.simulator.run;

import io.pitwall.agent.AgentLifecycle.State;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** How the fleet's assignments ended on the vehicles: COMPLETED, FAILED or ROLLED_BACK, each counted once. */
public final class FleetOutcomes {

    private final Map<State, LongAdder> counts = new EnumMap<>(State.class);

    public FleetOutcomes() {
        for (State state : State.values()) {
            if (state.isTerminal()) {
                counts.put(state, new LongAdder());
            }
        }
    }

    void finished(State terminal) {
        counts.get(terminal).increment();
    }

    public Map<State, Long> counts() {
        Map<State, Long> copy = new EnumMap<>(State.class);
        counts.forEach((state, count) -> copy.put(state, count.sum()));
        return copy;
    }
}
