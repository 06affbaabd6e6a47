package io.pitwall.simulator.fault;

/**
 * The vehicle's agent process died at this instant. An {@link Error}, so nothing in the agent catches it on
 * the way out: whatever the agent had not made durable is gone, exactly as after a power cut.
 */
public final class AgentKilled extends Error {

    private static final long serialVersionUID = 1L;

    public AgentKilled(String where) {
        super("agent killed " + where);
    }
}
