package io.pitwall.agent;

import io.pitwall.agent.AgentLifecycle.Accepted;
import io.pitwall.agent.AgentLifecycle.Rejected;
import io.pitwall.agent.AgentLifecycle.State;
import io.pitwall.agent.AgentLifecycle.Trigger;

/** Applies a transition the agent's own logic guarantees to be legal; a refusal is a bug, not an input. */
final class Lifecycle {

    private Lifecycle() {}

    static State next(State state, Trigger trigger) {
        AgentLifecycle.Transition transition = AgentLifecycle.apply(state, trigger);
        if (transition instanceof Accepted accepted) {
            return accepted.next();
        }
        throw new IllegalStateException(trigger + " in " + state + " refused: " + ((Rejected) transition).code());
    }
}
