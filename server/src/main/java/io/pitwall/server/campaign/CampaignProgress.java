package io.pitwall.server.campaign;

import io.pitwall.server.campaign.delivery.CampaignSchedule;
import java.util.Map;

/**
 * How far a campaign got: assignments by state, failed ones by category, and pending ones its schedule
 * defers, by reason ({@link CampaignSchedule.Deferral}).
 */
public record CampaignProgress(
        Campaign campaign,
        long assignments,
        Map<String, Long> byStatus,
        Map<String, Long> byFailureCategory,
        Map<String, Long> deferred) {

    public CampaignProgress {
        byStatus = Map.copyOf(byStatus);
        byFailureCategory = Map.copyOf(byFailureCategory);
        deferred = Map.copyOf(deferred);
    }
}
