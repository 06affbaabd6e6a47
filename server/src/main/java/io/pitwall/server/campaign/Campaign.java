package io.pitwall.server.campaign;

import java.time.OffsetDateTime;

/** A campaign as stored. */
public record Campaign(long id, String name, long releaseId, CampaignStatus status, TargetFilter filter,
        String createdBy, OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt,
        long version) {
}
