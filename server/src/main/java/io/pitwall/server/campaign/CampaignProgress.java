package io.pitwall.server.campaign;

import java.util.Map;

/** How far a campaign got: assignments by state, and failed ones by category. */
public record CampaignProgress(Campaign campaign, long assignments, Map<String, Long> byStatus,
        Map<String, Long> byFailureCategory) {

    public CampaignProgress {
        byStatus = Map.copyOf(byStatus);
        byFailureCategory = Map.copyOf(byFailureCategory);
    }
}
