package io.pitwall.server.reporting.internal;

import io.pitwall.server.campaign.Campaign;
import io.pitwall.server.campaign.CampaignMoved;
import io.pitwall.server.campaign.CampaignRecords;
import io.pitwall.server.campaign.Wave;
import io.pitwall.server.campaign.WaveStatus;
import io.pitwall.server.reporting.persistence.CampaignReadModel;
import io.pitwall.server.reporting.persistence.Reviews;
import io.pitwall.server.shared.Audited;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Opens a campaign's post-release review when it finishes (COMPLETED, CANCELLED or ROLLED_BACK), in the
 * transaction of that move, with the outcome metrics of the moment. Every path to a finished status publishes
 * {@link CampaignMoved}, synchronously in that transaction, so every finished campaign gets one and a move
 * that rolls back takes its review with it.
 */
@Component
class ReviewOpening {

    private static final Set<String> PAUSES = Set.of("PAUSE", "EMERGENCY_STOP");
    private final Reviews reviews;
    private final CampaignReadModel campaigns;
    private final CampaignRecords records;
    private final ApplicationEventPublisher events;

    ReviewOpening(
            Reviews reviews, CampaignReadModel campaigns, CampaignRecords records, ApplicationEventPublisher events) {
        this.reviews = reviews;
        this.campaigns = campaigns;
        this.records = records;
        this.events = events;
    }

    @EventListener
    void on(CampaignMoved moved) {
        long id = moved.campaignId();
        if (moved.from() == moved.to()
                || !moved.to().isFinished()
                || reviews.find(id).isPresent()) {
            return;
        }
        String owner = campaigns.reviewOwner(id).orElse(null);
        reviews.open(id, moved.to().name(), owner, metrics(id, moved.at()), moved.at());
        events.publishEvent(Audited.succeeded(
                "campaign.review.open",
                "campaign:" + id,
                Map.of("outcome", moved.to().name(), "owner", owner == null ? "" : owner, "principal", moved.actor())));
    }

    private Map<String, Object> metrics(long id, OffsetDateTime now) {
        var counts = records.progress(id);
        Campaign campaign = counts.campaign();
        var byStatus = new TreeMap<>(counts.byStatus());
        long succeeded = byStatus.getOrDefault("SUCCEEDED", 0L);
        long executed = succeeded + byStatus.getOrDefault("FAILED", 0L) + byStatus.getOrDefault("ROLLED_BACK", 0L);
        List<Wave> plan = records.waves(id);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("assignments", counts.assignments());
        metrics.put("byStatus", byStatus);
        metrics.put("executed", executed);
        metrics.put("successRate", executed == 0 ? null : (double) succeeded / executed);
        metrics.put("failuresByCategory", new TreeMap<>(counts.byFailureCategory()));
        metrics.put("startedAt", campaign.startedAt());
        metrics.put("finishedAt", now);
        metrics.put(
                "durationSeconds",
                campaign.startedAt() == null
                        ? null
                        : Duration.between(campaign.startedAt(), now).toSeconds());
        metrics.put("waves", plan.size());
        metrics.put(
                "wavesPassed",
                plan.stream().filter(w -> w.status() == WaveStatus.PASSED).count());
        metrics.put(
                "pauses",
                records.decisions(id).stream()
                        .filter(d -> PAUSES.contains(d.kind()))
                        .count());
        return metrics;
    }
}
