package io.pitwall.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A campaign as {@code GET /api/v1/campaigns/{id}} reports it: status, assignments by state and failure category. */
public record CampaignProgress(
        long id,
        String name,
        String status,
        long assignments,
        Map<String, Long> byStatus,
        Map<String, Long> byFailureCategory) {

    public CampaignProgress {
        byStatus = Collections.unmodifiableMap(new LinkedHashMap<>(byStatus));
        byFailureCategory = Collections.unmodifiableMap(new LinkedHashMap<>(byFailureCategory));
    }

    /** COMPLETED, CANCELLED or ROLLED_BACK: no assignment will move any more. */
    public boolean finished() {
        return "COMPLETED".equals(status) || "CANCELLED".equals(status) || "ROLLED_BACK".equals(status);
    }

    public long count(String state) {
        return byStatus.getOrDefault(state, 0L);
    }
}
