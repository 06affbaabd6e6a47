package io.pitwall.server.campaign.rollout;

import io.pitwall.server.campaign.CampaignSettings;
import io.pitwall.server.shared.PeriodicTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs the {@link WaveReconciler} every {@code pitwall.campaign.reconcile-interval} while the server runs. */
@Configuration(proxyBeanMethods = false)
class ReconcilerSchedule {

    @Bean
    PeriodicTask campaignReconciler(WaveReconciler reconciler, CampaignSettings settings) {
        return new PeriodicTask(
                "campaign-reconciler",
                settings.reconcileInterval(),
                settings.reconcileInterval(),
                reconciler::scheduledTick);
    }
}
