package io.pitwall.server.audit.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a sweep at start and then every interval while the server runs: records committed but not yet
 * chained (a node died between a commit and its seal, or a seal failed) get chained without waiting for
 * the next audited change.
 */
public final class ChainSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChainSweeper.class);
    private final Runnable sweep;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public ChainSweeper(Runnable sweep, Duration interval) {
        this.sweep = sweep;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-chain-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::sweepOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepOnce() {
        try {
            sweep.run();
        } catch (RuntimeException e) {
            log.warn("Audit chain sweep failed; retrying in {}", interval, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
