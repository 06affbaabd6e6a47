package io.pitwall.server.campaign.internal;

import io.pitwall.server.campaign.CampaignStatus;
import io.pitwall.server.campaign.Campaign;
import io.pitwall.server.campaign.Wave;
import io.pitwall.server.campaign.WaveStatus;
import io.pitwall.server.campaign.persistence.Assignments;
import io.pitwall.server.campaign.persistence.Campaigns;
import io.pitwall.server.campaign.persistence.Decisions;
import io.pitwall.server.campaign.persistence.ReadinessSheets;
import io.pitwall.server.campaign.persistence.Reviews;
import io.pitwall.server.campaign.ReadinessSheet;
import io.pitwall.server.shared.Audited;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Opens a campaign's post-release review when it finishes (COMPLETED, CANCELLED or ROLLED_BACK), in the
 * transaction of that move, with the outcome metrics of the moment. {@link CampaignMoves} calls it for
 * every move it logs, so every path to a finished status opens one.
 */
@Component
class ReviewOpening {

    private final Reviews reviews;
    private final Campaigns campaigns;
    private final Assignments assignments;
    private final Decisions decisions;
    private final ReadinessSheets sheets;
    private final io.pitwall.server.campaign.persistence.Waves waves;
    private final ApplicationEventPublisher events;

    ReviewOpening(Reviews reviews, Campaigns campaigns, Assignments assignments, Decisions decisions,
            ReadinessSheets sheets, io.pitwall.server.campaign.persistence.Waves waves,
            ApplicationEventPublisher events) {
        this.reviews = reviews;
        this.campaigns = campaigns;
        this.assignments = assignments;
        this.decisions = decisions;
        this.sheets = sheets;
        this.waves = waves;
        this.events = events;
    }

    void onMove(long id, CampaignStatus from, CampaignStatus to, String principal, OffsetDateTime now) {
        if (from == to || !to.isFinished() || reviews.find(id).isPresent()) {
            return;
        }
        Campaign campaign = campaigns.byId(id).orElseThrow();
        String owner = sheets.find(id).map(ReadinessSheet::owners).map(ReadinessSheet.Owners::review).orElse(null);
        reviews.open(id, to.name(), owner, metrics(campaign, now), now);
        events.publishEvent(Audited.succeeded("campaign.review.open", "campaign:" + id,
                Map.of("outcome", to.name(), "owner", owner == null ? "" : owner, "principal", principal)));
    }

    private Map<String, Object> metrics(Campaign campaign, OffsetDateTime now) {
        var byStatus = assignments.countByStatus(campaign.id());
        long succeeded = byStatus.getOrDefault("SUCCEEDED", 0L);
        long executed = succeeded + byStatus.getOrDefault("FAILED", 0L) + byStatus.getOrDefault("ROLLED_BACK", 0L);
        List<Wave> plan = waves.of(campaign.id());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("assignments", byStatus.values().stream().mapToLong(Long::longValue).sum());
        metrics.put("byStatus", byStatus);
        metrics.put("executed", executed);
        metrics.put("successRate", executed == 0 ? null : (double) succeeded / executed);
        metrics.put("failuresByCategory", assignments.countByFailureCategory(campaign.id()));
        metrics.put("startedAt", campaign.startedAt());
        metrics.put("finishedAt", now);
        metrics.put("durationSeconds", campaign.startedAt() == null ? null
                : Duration.between(campaign.startedAt(), now).toSeconds());
        metrics.put("waves", plan.size());
        metrics.put("wavesPassed", plan.stream().filter(w -> w.status() == WaveStatus.PASSED).count());
        metrics.put("pauses", decisions.count(campaign.id(), List.of("PAUSE", "EMERGENCY_STOP")));
        return metrics;
    }
}
