package io.pitwall.server.campaign;

import io.pitwall.server.campaign.delivery.AssignmentLifecycle;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.Accepted;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.Rejected;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.Trigger;
import io.pitwall.server.campaign.delivery.Attempts;
import io.pitwall.server.campaign.governance.CampaignCommands;
import io.pitwall.server.campaign.internal.CampaignMoves;
import io.pitwall.server.campaign.persistence.Assignments;
import io.pitwall.server.campaign.persistence.ExceptionQueue;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import io.pitwall.server.shared.Page;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A campaign's exception queue: its stuck (timed out, or in progress without a change for
 * {@code pitwall.campaign.no-progress-after}), failed and deferred vehicles with their reasons, and what an
 * operator does about one: retry it now (a new attempt, whatever the retry policy says) or exclude it from
 * the campaign. Both need a comment and are audited. The third action, opening a service case, belongs to the
 * cases module, which reads the vehicle through {@link #queued}.
 */
@Service
public class CampaignExceptions {

    private final Assignments assignments;
    private final ExceptionQueue queue;
    private final Attempts attempts;
    private final CampaignMoves moves;
    private final CampaignSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CampaignExceptions(
            Assignments assignments,
            ExceptionQueue queue,
            Attempts attempts,
            CampaignMoves moves,
            CampaignSettings settings,
            ApplicationEventPublisher events,
            Clock clock) {
        this.assignments = assignments;
        this.queue = queue;
        this.attempts = attempts;
        this.moves = moves;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<ExceptionQueue.ExceptionRow> list(long id, int page, int size) {
        Page.check(page, size);
        moves.campaign(id);
        OffsetDateTime stale = OffsetDateTime.now(clock).minus(settings.noProgressAfter());
        return new Page<>(queue.exceptions(id, stale, page, size), page, size, queue.countExceptions(id, stale));
    }

    /**
     * The vehicle as the exception queue shows it: 404 {@code campaign-not-found}, 404
     * {@code assignment-not-found} when the vehicle is not in the campaign, 409 {@code not-an-exception} when it
     * is but not in the queue (on its way, succeeded, cancelled or excluded).
     */
    @Transactional(readOnly = true)
    public QueuedVehicle queued(long id, String vin) {
        Campaign campaign = moves.campaign(id);
        assignment(id, vin);
        OffsetDateTime stale = OffsetDateTime.now(clock).minus(settings.noProgressAfter());
        var row = queue.exception(id, vin, stale)
                .orElseThrow(() -> ApiException.conflict(
                        "not-an-exception", "Vehicle " + vin + " is not in campaign " + id + "'s exception queue"));
        return new QueuedVehicle(
                id,
                campaign.name(),
                row.vin(),
                row.kind(),
                row.status().name(),
                QueuedVehicle.reason(
                        row.kind(),
                        row.status().name(),
                        row.failureCategory(),
                        row.failureCode(),
                        row.deferredReason(),
                        row.since()),
                row.failureCategory(),
                row.failureCode(),
                row.since());
    }

    /** Starts another attempt of a failed or timed-out vehicle now (409 {@code not-retryable} otherwise). */
    @Transactional
    public void retry(long id, String vin, String actor, String comment) {
        requireComment(comment);
        Campaign campaign = moves.campaign(id);
        if (campaign.status() != CampaignStatus.RUNNING && campaign.status() != CampaignStatus.PAUSED) {
            throw ApiException.conflict("campaign-not-running", "Campaign " + id + " is " + campaign.status());
        }
        var ref = assignment(id, vin);
        if (!attempts.reoffer(ref.id(), ref.vin(), OffsetDateTime.now(clock))) {
            throw ApiException.conflict("not-retryable", "Only a failed or timed-out vehicle can be retried");
        }
        queue.comment(ref.id(), comment);
        events.publishEvent(Audited.succeeded(
                "campaign.exception.retry", "campaign:" + id, Map.of("vin", vin, "comment", comment)));
    }

    /** Takes a vehicle out of the campaign: cancelled unless it already ended, never retried. */
    @Transactional
    public void exclude(long id, String vin, String actor, String comment) {
        requireComment(comment);
        moves.campaign(id);
        var ref = assignment(id, vin);
        var locked = assignments.lock(ref.id(), ref.vin()).orElseThrow();
        var exclusion = AssignmentLifecycle.apply(locked.status(), Trigger.EXCLUDE);
        if (exclusion instanceof Rejected rejected) {
            throw ApiException.conflict(
                    rejected.code(),
                    rejected.code().equals("install-in-progress")
                            ? "The vehicle is installing; it finishes or rolls back on its own"
                            : "The vehicle's assignment is " + locked.status());
        }
        boolean cancel = ((Accepted) exclusion).changed();
        OffsetDateTime now = OffsetDateTime.now(clock);
        queue.exclude(ref.id(), cancel, actor, comment, now);
        attempts.completeIfDone(id, CampaignCommands.SYSTEM, now);
        events.publishEvent(Audited.succeeded(
                "campaign.exception.exclude",
                "campaign:" + id,
                Map.of("vin", vin, "comment", comment, "was", locked.status().name())));
    }

    private Assignments.Ref assignment(long id, String vin) {
        return assignments
                .of(id, vin)
                .orElseThrow(() ->
                        ApiException.notFound("assignment-not-found", "Vehicle " + vin + " is not in campaign " + id));
    }

    private static void requireComment(String comment) {
        if (comment == null || comment.isBlank() || comment.length() > 2000) {
            throw ApiException.badRequest("comment-required", "A comment of 1 to 2000 characters is required");
        }
    }
}
