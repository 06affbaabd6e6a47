package io.pitwall.server.reporting;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * The post-release review of a finished campaign: opened automatically when the campaign completes, is
 * cancelled or rolled back, with its {@code outcome} (that final status), outcome metrics of that moment
 * (assignments by state and failure category, success rate, duration, waves, pauses) and the review owner
 * from the readiness sheet; the owner (or an approver) adds learning notes and closes it.
 */
public record Review(
        long campaignId,
        String outcome,
        String owner,
        Status status,
        Map<String, Object> metrics,
        String learningNotes,
        OffsetDateTime openedAt,
        String updatedBy,
        OffsetDateTime closedAt,
        String closedBy,
        long version) {

    public enum Status {
        OPEN,
        CLOSED
    }
}
