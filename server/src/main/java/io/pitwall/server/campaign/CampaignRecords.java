package io.pitwall.server.campaign;

import io.pitwall.server.campaign.governance.CampaignApprovals;
import io.pitwall.server.campaign.governance.CampaignCommands;
import io.pitwall.server.campaign.rollout.CampaignWaves;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * What modules downstream of campaign (release notes, reviews) read about one campaign: its progress, its wave
 * plan and its decision log. Each throws {@code campaign-not-found} (404) for an unknown id, as the API does.
 */
@Service
public class CampaignRecords {

    private final CampaignCommands commands;
    private final CampaignWaves waves;
    private final CampaignApprovals approvals;

    CampaignRecords(CampaignCommands commands, CampaignWaves waves, CampaignApprovals approvals) {
        this.commands = commands;
        this.waves = waves;
        this.approvals = approvals;
    }

    public CampaignProgress progress(long campaignId) {
        return commands.progress(campaignId);
    }

    public List<Wave> waves(long campaignId) {
        return waves.of(campaignId);
    }

    public List<Decision> decisions(long campaignId) {
        return approvals.decisions(campaignId);
    }
}
