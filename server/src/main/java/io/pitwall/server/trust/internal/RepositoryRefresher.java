package io.pitwall.server.trust.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Re-signs due repository metadata every interval while the server runs. Safe on several nodes: each round
 * runs under the repository lock row taken with SKIP LOCKED.
 */
final class RepositoryRefresher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RepositoryRefresher.class);
    private final RepositoryPublisher publisher;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    RepositoryRefresher(RepositoryPublisher publisher, Duration interval) {
        this.publisher = publisher;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "image-repository-refresher");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::refreshOnce, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void refreshOnce() {
        try {
            publisher.refresh();
        } catch (RuntimeException e) {
            log.warn("Image repository re-signing failed; retrying in {}", interval, e);
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
