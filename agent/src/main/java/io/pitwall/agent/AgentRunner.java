package io.pitwall.agent;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An agent running on a scheduler: each tick schedules the next after the delay it returned, so ticks of
 * one agent never overlap and any number of agents can share a pool. A tick that throws (a storage
 * failure, say) is logged and retried after the recheck interval.
 */
public final class AgentRunner implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AgentRunner.class.getName());
    private final Agent agent;
    private final ScheduledExecutorService scheduler;
    private final Duration afterError;
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> next;

    private AgentRunner(Agent agent, ScheduledExecutorService scheduler, Duration afterError) {
        this.agent = agent;
        this.scheduler = scheduler;
        this.afterError = afterError;
    }

    static AgentRunner start(Agent agent, ScheduledExecutorService scheduler, Duration afterError) {
        AgentRunner runner = new AgentRunner(agent, scheduler, afterError);
        runner.schedule(Duration.ZERO);
        return runner;
    }

    private void run() {
        if (stopped) {
            return;
        }
        Duration delay;
        try {
            delay = agent.tick();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "agent tick failed; retrying in " + afterError, e);
            delay = afterError;
        }
        schedule(delay);
    }

    private synchronized void schedule(Duration delay) {
        if (!stopped) {
            next = scheduler.schedule(this::run, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops after the running tick, if any; the agent's state stays on its storage. */
    public synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
