package io.pitwall.server.campaign.governance;

import io.pitwall.server.campaign.Campaign;
import io.pitwall.server.campaign.CampaignProgress;
import io.pitwall.server.campaign.TargetFilter;
import io.pitwall.server.campaign.Wave;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle;
import io.pitwall.server.campaign.delivery.CampaignSchedule;
import io.pitwall.server.campaign.governance.CampaignLifecycle.Trigger;
import io.pitwall.server.campaign.internal.CampaignMoves;
import io.pitwall.server.campaign.persistence.AssignmentCounts;
import io.pitwall.server.campaign.persistence.Assignments;
import io.pitwall.server.campaign.persistence.Campaigns;
import io.pitwall.server.campaign.persistence.EligibilityReadModel;
import io.pitwall.server.campaign.persistence.ReleaseReadModel;
import io.pitwall.server.campaign.persistence.Waves;
import io.pitwall.server.campaign.rollout.WaveActivation;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import io.pitwall.server.trust.DirectorRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, starts, pauses, resumes and cancels campaigns. Every change goes through
 * {@link CampaignLifecycle} and leaves an entry in the decision log.
 */
@Service
public class CampaignCommands {

    /** The actor of decisions nobody took by hand (a campaign completing). */
    public static final String SYSTEM = "system";

    private final Campaigns campaigns;
    private final Assignments assignments;
    private final EligibilityReadModel eligibility;
    private final AssignmentCounts counts;
    private final ReleaseReadModel releases;
    private final CampaignMoves moves;
    private final Waves waves;
    private final WaveActivation activation;
    private final ApplicationEventPublisher events;
    private final DirectorRepository director;
    private final Clock clock;

    CampaignCommands(
            Campaigns campaigns,
            Assignments assignments,
            EligibilityReadModel eligibility,
            AssignmentCounts counts,
            ReleaseReadModel releases,
            CampaignMoves moves,
            Waves waves,
            WaveActivation activation,
            ApplicationEventPublisher events,
            DirectorRepository director,
            Clock clock) {
        this.campaigns = campaigns;
        this.assignments = assignments;
        this.eligibility = eligibility;
        this.counts = counts;
        this.releases = releases;
        this.moves = moves;
        this.waves = waves;
        this.activation = activation;
        this.events = events;
        this.director = director;
        this.clock = clock;
    }

    /** A draft campaign for a published release; the release's images are snapshotted now. */
    @Transactional
    public Campaign create(String name, long releaseId, TargetFilter filter, String createdBy) {
        return create(name, releaseId, filter, createdBy, null);
    }

    /** As {@link #create(String, long, TargetFilter, String)}, with a schedule (null: none). */
    @Transactional
    public Campaign create(
            String name, long releaseId, TargetFilter filter, String createdBy, CampaignSchedule schedule) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiException.unprocessable("invalid-campaign-name", "A campaign name has 1 to 200 characters");
        }
        var images = releases.publishedImages(releaseId);
        if (images.isEmpty()) {
            throw ApiException.unprocessable(
                    "release-not-published", "Release " + releaseId + " does not exist or is not published");
        }
        long id = campaigns.insert(name, releaseId, filter, createdBy, OffsetDateTime.now(clock));
        campaigns.insertImages(id, images.get());
        if (schedule != null) {
            campaigns.replaceSchedule(id, schedule);
        }
        events.publishEvent(Audited.succeeded(
                "campaign.create",
                "campaign:" + id,
                Map.of("name", name, "releaseId", releaseId, "scheduled", schedule != null)));
        return campaigns.byId(id).orElseThrow();
    }

    /**
     * Starts an approved campaign: computes eligibility and creates the assignments (with a wave plan, the
     * first wave's; the reconciler assigns the next waves as their predecessors' gates pass). The campaign is locked
     * first, so a second start racing this one waits and then finds it running (409), instead of colliding
     * on the assignments this one creates.
     */
    @Transactional
    public CampaignProgress start(long id, String actor) {
        Campaign campaign = moves.lock(id);
        var accepted = CampaignMoves.accept(campaign, Trigger.START);
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Wave> plan = waves.of(id);
        int created;
        if (campaign.isRollback()) {
            created = assignments.createRollback(id, campaign.rollbackOf(), now);
            if (created > 0) {
                director.assignmentsChanged(id);
            }
            moves.apply(
                    campaign,
                    Trigger.START,
                    accepted,
                    actor,
                    now,
                    Map.of("assignmentsCreated", created, "rollbackOf", campaign.rollbackOf()));
        } else if (plan.isEmpty()) {
            created = eligibility.createEligible(id, campaign.filter(), now);
            if (created > 0) {
                director.assignmentsChanged(id);
            }
            moves.apply(campaign, Trigger.START, accepted, actor, now, Map.of("assignmentsCreated", created));
        } else {
            moves.apply(campaign, Trigger.START, accepted, actor, now, Map.of("waves", plan.size()));
            created = activation.activate(campaign, plan.get(0), actor, now);
        }
        if (created == 0 && campaigns.completeIfDone(id, now)) {
            moves.completed(id, SYSTEM, now);
        }
        events.publishEvent(
                Audited.succeeded("campaign.start", "campaign:" + id, Map.of("assignmentsCreated", created)));
        return progress(id);
    }

    @Transactional
    public CampaignProgress pause(long id, String actor) {
        return move(id, Trigger.PAUSE, actor, "campaign.pause");
    }

    /** Resumes a paused campaign; one the emergency stop paused needs a fresh approval first. */
    @Transactional
    public CampaignProgress resume(long id, String actor) {
        return move(id, Trigger.RESUME, actor, "campaign.resume");
    }

    /**
     * Vehicles not yet installing are cancelled; those installing finish or roll back on their own. Unlike
     * the other moves this one does not lock the campaign first: it writes assignments, and every writer of
     * assignments takes the assignment rows before the campaign row, so taking them in the other order could
     * deadlock with a vehicle's report. A concurrent change of the campaign fails it with a version conflict.
     */
    @Transactional
    public CampaignProgress cancel(long id, String actor) {
        Campaign campaign = campaigns.byId(id).orElseThrow(() -> CampaignMoves.notFound(id));
        var accepted = CampaignMoves.accept(campaign, Trigger.CANCEL);
        OffsetDateTime now = OffsetDateTime.now(clock);
        int cancelled = assignments.cancelNotInstalling(id, now);
        if (cancelled > 0) {
            director.assignmentsChanged(id);
        }
        moves.apply(campaign, Trigger.CANCEL, accepted, actor, now, Map.of("assignmentsCancelled", cancelled));
        events.publishEvent(Audited.succeeded("campaign.cancel", "campaign:" + id, Map.of("cancelled", cancelled)));
        // A cancelled rollback campaign releases the campaign it was undoing, which can be rolled back again.
        moves.rollbackAbandoned(campaign, actor, now, "rollback campaign " + id + " cancelled")
                .ifPresent(original -> events.publishEvent(Audited.succeeded(
                        "campaign.rollback.abandon",
                        "campaign:" + original,
                        Map.of("rollbackCampaign", id, "reason", "cancelled"))));
        return progress(id);
    }

    @Transactional(readOnly = true)
    public CampaignProgress progress(long id) {
        Campaign campaign = campaigns.byId(id).orElseThrow(() -> CampaignMoves.notFound(id));
        var byStatus = assignments.countByStatus(id);
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return new CampaignProgress(
                campaign, total, byStatus, assignments.countByFailureCategory(id), counts.countDeferred(id));
    }

    /** Which vehicles a cancel stopped before installing and how those already installing ended. */
    @Transactional(readOnly = true)
    public CancelReport cancelReport(long id) {
        Campaign campaign = campaigns.byId(id).orElseThrow(() -> CampaignMoves.notFound(id));
        var byStatus = assignments.countByStatus(id);
        java.util.function.Function<AssignmentLifecycle.State, CancelReport.Group> group =
                state -> new CancelReport.Group(
                        byStatus.getOrDefault(state.name(), 0L), counts.vinsIn(id, state, CancelReport.MAX_VINS));
        return new CancelReport(
                id,
                campaign.status(),
                group.apply(AssignmentLifecycle.State.CANCELLED),
                group.apply(AssignmentLifecycle.State.SUCCEEDED),
                group.apply(AssignmentLifecycle.State.FAILED),
                group.apply(AssignmentLifecycle.State.ROLLED_BACK),
                group.apply(AssignmentLifecycle.State.INSTALLING));
    }

    private CampaignProgress move(long id, Trigger trigger, String actor, String action) {
        Campaign campaign = moves.lock(id);
        var accepted = CampaignMoves.accept(campaign, trigger);
        moves.apply(campaign, trigger, accepted, actor, OffsetDateTime.now(clock), Map.of());
        events.publishEvent(Audited.succeeded(action, "campaign:" + id, Map.of()));
        return progress(id);
    }
}
