package io.pitwall.server.campaign;

import io.pitwall.server.campaign.governance.CampaignLifecycle;
import java.time.OffsetDateTime;

/**
 * A campaign as stored. {@code risk} is set on submission (null before); {@code approvalRound} counts
 * submissions and emergency stops, and only approvals of the current round count; {@code held} is the
 * emergency hold of {@link CampaignLifecycle}; {@code rollbackOf} is the campaign a rollback campaign undoes
 * (null for every other campaign).
 */
public record Campaign(
        long id,
        String name,
        long releaseId,
        CampaignStatus status,
        TargetFilter filter,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        String submittedBy,
        OffsetDateTime submittedAt,
        CampaignRisk risk,
        int approvalRound,
        boolean held,
        long version,
        Long rollbackOf) {

    /** Whether this is a rollback campaign: the one kind allowed to lower a release counter. */
    public boolean isRollback() {
        return rollbackOf != null;
    }
}
