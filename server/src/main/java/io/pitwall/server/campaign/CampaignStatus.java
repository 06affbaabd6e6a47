package io.pitwall.server.campaign;

import io.pitwall.server.campaign.governance.CampaignLifecycle;

/** Where a campaign stands; {@link CampaignLifecycle} says how it moves. Stored by name. */
public enum CampaignStatus {
    DRAFT,
    SUBMITTED,
    APPROVED,
    RUNNING,
    PAUSED,
    COMPLETED,
    CANCELLED,
    ROLLING_BACK,
    ROLLED_BACK;

    /** Whether nothing will happen to the campaign any more. */
    public boolean isFinished() {
        return this == COMPLETED || this == CANCELLED || this == ROLLED_BACK;
    }
}
