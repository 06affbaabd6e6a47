package io.pitwall.server.shared;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Background work run every interval on a daemon thread of its own while the server runs: started and
 * stopped with the application context, a failed round logged and retried at the next. An interval of
 * zero means the work never runs on this node. Work that must run on one node at a time guards itself
 * (a database lease or lock).
 */
public final class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);
    private final String name;
    private final Duration initialDelay;
    private final Duration interval;
    private final Runnable work;
    private ScheduledExecutorService scheduler;

    /**
     * @param name         the thread's name and how the log calls the work
     * @param initialDelay before the first round (zero: at start)
     */
    public PeriodicTask(String name, Duration initialDelay, Duration interval, Runnable work) {
        this.name = name;
        this.initialDelay = initialDelay;
        this.interval = interval;
        this.work = work;
    }

    @Override
    public synchronized void start() {
        if (interval.isZero() || scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(
                this::runOnce, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("{} failed; retrying in {}", name, interval, e);
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
