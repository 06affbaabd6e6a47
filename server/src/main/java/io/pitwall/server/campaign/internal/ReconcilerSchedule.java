package io.pitwall.server.campaign.internal;

import io.pitwall.server.campaign.CampaignSettings;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Runs the {@link WaveReconciler} every {@code pitwall.campaign.reconcile-interval} while the server runs. */
@Component
class ReconcilerSchedule implements SmartLifecycle {

    private final WaveReconciler reconciler;
    private final CampaignSettings settings;
    private ScheduledExecutorService scheduler;

    ReconcilerSchedule(WaveReconciler reconciler, CampaignSettings settings) {
        this.reconciler = reconciler;
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        long millis = settings.reconcileInterval().toMillis();
        if (millis == 0) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "campaign-reconciler");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(reconciler::scheduledTick, millis, millis, TimeUnit.MILLISECONDS);
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
