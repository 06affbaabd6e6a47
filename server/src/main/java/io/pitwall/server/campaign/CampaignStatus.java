package io.pitwall.server.campaign;

/** Where a campaign stands. */
public enum CampaignStatus {
    DRAFT, RUNNING, PAUSED, COMPLETED, CANCELLED
}
