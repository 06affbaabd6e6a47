package io.pitwall.server.campaign.internal;

import io.pitwall.server.campaign.Campaign;
import io.pitwall.server.campaign.CampaignMoved;
import io.pitwall.server.campaign.CampaignStatus;
import io.pitwall.server.campaign.governance.CampaignCommands;
import io.pitwall.server.campaign.governance.CampaignLifecycle;
import io.pitwall.server.campaign.governance.CampaignLifecycle.Accepted;
import io.pitwall.server.campaign.governance.CampaignLifecycle.Rejected;
import io.pitwall.server.campaign.governance.CampaignLifecycle.Trigger;
import io.pitwall.server.campaign.persistence.Assignments;
import io.pitwall.server.campaign.persistence.Campaigns;
import io.pitwall.server.campaign.persistence.Decisions;
import io.pitwall.server.campaign.rollout.WaveReconciler;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The one path by which campaign use cases change a campaign's status: the lifecycle decides, the row
 * changes, and the decision log gets an entry with the numbers of the moment. Callers run it inside their
 * transaction, holding the campaign's lock, and publish their own audit event; the moves nobody asks for (a
 * campaign completing, and with it the campaign a rollback undid) are audited here, with the system as actor
 * ({@link #principal}), in the same transaction.
 */
@Component
public class CampaignMoves {

    private final Campaigns campaigns;
    private final Assignments assignments;
    private final Decisions decisions;
    private final ApplicationEventPublisher events;

    CampaignMoves(Campaigns campaigns, Assignments assignments, Decisions decisions, ApplicationEventPublisher events) {
        this.campaigns = campaigns;
        this.assignments = assignments;
        this.decisions = decisions;
        this.events = events;
    }

    /**
     * Who the audit trail names for a step taken by {@code actor} when no operator is signed in: the system
     * ({@code system}, or {@code system:reconciler} for the wave reconciler); an operator's own name otherwise.
     */
    public static String principal(String actor) {
        return WaveReconciler.ACTOR.equals(actor) ? CampaignCommands.SYSTEM + ":" + actor : actor;
    }

    /** Publishes the audit entry of a step, naming {@link #principal} of the actor, in the caller's transaction. */
    public void audit(String action, long campaignId, String actor, Map<String, Object> details) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("principal", principal(actor));
        events.publishEvent(Audited.succeeded(action, "campaign:" + campaignId, all));
    }

    /** Reads and locks the campaign until the commit, or refuses with {@code campaign-not-found}. */
    public Campaign lock(long id) {
        return campaigns.lock(id).orElseThrow(() -> notFound(id));
    }

    /** Reads the campaign, or refuses with {@code campaign-not-found}. */
    public Campaign campaign(long id) {
        return campaigns.byId(id).orElseThrow(() -> notFound(id));
    }

    /** What the lifecycle says the trigger does to the campaign; a rejection is a 409 with its code. */
    public static Accepted accept(Campaign campaign, Trigger trigger) {
        var transition = CampaignLifecycle.apply(campaign.status(), campaign.held(), trigger);
        if (transition instanceof Rejected rejected) {
            throw ApiException.conflict(
                    rejected.code(),
                    "A " + campaign.status() + (campaign.held() ? " (emergency hold)" : "")
                            + " campaign does not accept " + trigger);
        }
        return (Accepted) transition;
    }

    /** Applies an accepted transition and logs the decision with the extra details. */
    public void apply(
            Campaign campaign,
            Trigger trigger,
            Accepted accepted,
            String actor,
            OffsetDateTime now,
            Map<String, Object> extra) {
        if (accepted.changed()) {
            campaigns.changeStatus(campaign.id(), campaign.version(), accepted.next(), accepted.held(), now);
        }
        log(campaign.id(), trigger, actor, now, campaign.status(), accepted.next(), extra);
    }

    /**
     * Logs a decision: the status before and after, the assignment counts, and the extra details; a change of
     * status publishes {@link CampaignMoved} in the caller's transaction.
     */
    public void log(
            long id,
            Trigger kind,
            String actor,
            OffsetDateTime now,
            CampaignStatus from,
            CampaignStatus to,
            Map<String, Object> extra) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("from", from.name());
        detail.put("to", to.name());
        var byStatus = assignments.countByStatus(id);
        detail.put(
                "assignments",
                byStatus.values().stream().mapToLong(Long::longValue).sum());
        detail.put("byStatus", byStatus);
        detail.put("byFailureCategory", assignments.countByFailureCategory(id));
        detail.putAll(extra);
        decisions.append(id, now, actor, kind.name(), detail);
        if (from != to) {
            events.publishEvent(new CampaignMoved(id, from, to, now, principal(actor)));
        }
    }

    /**
     * Logs and audits that a campaign just completed (its caller moved it to COMPLETED). A rollback campaign
     * completing moves the campaign it undoes from ROLLING_BACK to ROLLED_BACK (audited too); that row is locked
     * after the rollback campaign's, the order every completion takes.
     */
    public void completed(long id, String actor, OffsetDateTime now) {
        audit(
                "campaign.complete",
                id,
                actor,
                Map.of(
                        "from",
                        CampaignStatus.RUNNING.name(),
                        "to",
                        CampaignStatus.COMPLETED.name(),
                        "byStatus",
                        assignments.countByStatus(id)));
        log(id, Trigger.COMPLETE, actor, now, CampaignStatus.RUNNING, CampaignStatus.COMPLETED, Map.of());
        Campaign done = campaign(id);
        if (done.isRollback()) {
            Campaign original = lock(done.rollbackOf());
            var transition = CampaignLifecycle.apply(original.status(), original.held(), Trigger.ROLLBACK_DONE);
            if (transition instanceof Accepted accepted) {
                apply(original, Trigger.ROLLBACK_DONE, accepted, actor, now, Map.of("rollbackCampaign", id));
                audit(
                        "campaign.rollback.done",
                        original.id(),
                        actor,
                        Map.of(
                                "rollbackCampaign",
                                id,
                                "from",
                                original.status().name(),
                                "to",
                                accepted.next().name()));
            }
        }
    }

    /**
     * A rollback campaign was refused or cancelled (its caller moved it): it gives up its claim on the campaign
     * it was to undo, which returns from ROLLING_BACK to PAUSED under the hold with a new approval round, so a
     * second rollback can be requested and nothing resumes without a fresh approval. The original's row is
     * locked after the rollback campaign's, like {@link #completed}. Answers the original's id if it moved.
     */
    public java.util.Optional<Long> rollbackAbandoned(
            Campaign rollback, String actor, OffsetDateTime now, String reason) {
        if (!rollback.isRollback()) {
            return java.util.Optional.empty();
        }
        campaigns.releaseRollbackSlot(rollback.id());
        Campaign original = lock(rollback.rollbackOf());
        var transition = CampaignLifecycle.apply(original.status(), original.held(), Trigger.ROLLBACK_ABANDONED);
        if (!(transition instanceof Accepted accepted)) {
            return java.util.Optional.empty();
        }
        apply(
                original,
                Trigger.ROLLBACK_ABANDONED,
                accepted,
                actor,
                now,
                Map.of("rollbackCampaign", rollback.id(), "reason", reason));
        campaigns.openApprovalRound(original.id());
        return java.util.Optional.of(original.id());
    }

    public static ApiException notFound(long id) {
        return ApiException.notFound("campaign-not-found", "No campaign " + id);
    }
}
