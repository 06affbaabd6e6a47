package io.pitwall.server.campaign.spi;

import io.pitwall.server.campaign.persistence.Campaigns;
import io.pitwall.server.campaign.persistence.CohortReadModel;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Updated and not-yet-updated vehicles of a campaign's wave: for the diagnostics module's regression gate. */
@Service
public class CampaignCohorts {

    private final Campaigns campaigns;
    private final CohortReadModel rows;

    CampaignCohorts(Campaigns campaigns, CohortReadModel rows) {
        this.campaigns = campaigns;
        this.rows = rows;
    }

    /** The wave's cohort; empty groups for an unknown campaign. */
    @Transactional(readOnly = true)
    public WaveCohort of(long campaignId, int wave) {
        return campaigns
                .byId(campaignId)
                .map(c -> new WaveCohort(rows.updated(campaignId, wave), rows.notYetUpdated(campaignId, c.filter())))
                .orElseGet(() -> new WaveCohort(java.util.List.of(), java.util.List.of()));
    }
}
