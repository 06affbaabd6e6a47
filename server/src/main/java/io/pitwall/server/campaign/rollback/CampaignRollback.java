package io.pitwall.server.campaign.rollback;

import io.pitwall.server.campaign.Campaign;
import io.pitwall.server.campaign.CampaignRisk;
import io.pitwall.server.campaign.CampaignSettings;
import io.pitwall.server.campaign.CampaignStatus;
import io.pitwall.server.campaign.ReadinessSheet;
import io.pitwall.server.campaign.governance.CampaignLifecycle.Trigger;
import io.pitwall.server.campaign.internal.CampaignMoves;
import io.pitwall.server.campaign.persistence.AssignmentCounts;
import io.pitwall.server.campaign.persistence.Assignments;
import io.pitwall.server.campaign.persistence.Campaigns;
import io.pitwall.server.campaign.persistence.ReadinessSheets;
import io.pitwall.server.campaign.persistence.ReleaseReadModel;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import io.pitwall.server.trust.DirectorRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Requests the rollback of a stopped campaign (paused, cancelled, or completed): in one transaction the
 * campaign's vehicles not yet installing are cancelled, a rollback campaign to the readiness sheet's
 * known-good release is created SUBMITTED, and the campaign moves to ROLLING_BACK (ROLLED_BACK once the
 * rollback campaign completes). Started, the rollback campaign assigns exactly the ECU parts that began
 * installing; it needs {@link #APPROVERS} distinct approvers, never its requester, whatever its risk class.
 */
@Service
public class CampaignRollback {

    /** Approvers a rollback campaign needs, whatever its risk class. */
    public static final int APPROVERS = 2;

    private final CampaignMoves moves;
    private final Campaigns campaigns;
    private final Assignments assignments;
    private final AssignmentCounts counts;
    private final ReadinessSheets sheets;
    private final ReleaseReadModel releases;
    private final CampaignSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final DirectorRepository director;

    CampaignRollback(
            CampaignMoves moves,
            Campaigns campaigns,
            Assignments assignments,
            AssignmentCounts counts,
            ReadinessSheets sheets,
            ReleaseReadModel releases,
            CampaignSettings settings,
            ApplicationEventPublisher events,
            Clock clock,
            DirectorRepository director) {
        this.director = director;
        this.moves = moves;
        this.campaigns = campaigns;
        this.assignments = assignments;
        this.counts = counts;
        this.sheets = sheets;
        this.releases = releases;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Answers the new rollback campaign. Like cancel, it writes the campaign's assignments before its row (the
     * lock order of vehicle reports); a concurrent change of the campaign fails it with a version conflict.
     */
    @Transactional
    public Campaign request(long id, String comment, String actor) {
        if (comment == null || comment.isBlank() || comment.length() > 2000) {
            throw ApiException.unprocessable(
                    "comment-required", "A rollback says why in a comment of 1 to 2000 characters");
        }
        Campaign original = moves.campaign(id);
        var accepted = CampaignMoves.accept(original, Trigger.ROLLBACK_START);
        long releaseId = knownGoodRelease(original);
        var images = releases.publishedImages(releaseId).orElseThrow();
        OffsetDateTime now = OffsetDateTime.now(clock);
        int cancelled = assignments.cancelNotInstalling(id, now);
        if (cancelled > 0) {
            director.assignmentsChanged(id);
        }
        long changed = counts.countChanged(id);
        boolean riskyImage = images.stream().anyMatch(i -> CampaignRisk.HIGH_RISK_ECU_TYPES.contains(i.ecuType()));
        CampaignRisk risk =
                riskyImage || changed > settings.highRiskVehicles() ? CampaignRisk.HIGH : CampaignRisk.STANDARD;
        String name = "Rollback of " + original.name();
        long rollbackId = campaigns.insertRollback(
                name.length() > 200 ? name.substring(0, 200) : name, releaseId, id, actor, risk, now);
        campaigns.insertImages(rollbackId, images);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("rollbackCampaign", rollbackId);
        detail.put("rollbackReleaseId", releaseId);
        detail.put("vehiclesToRollBack", changed);
        detail.put("assignmentsCancelled", cancelled);
        detail.put("comment", comment);
        moves.apply(original, Trigger.ROLLBACK_START, accepted, actor, now, detail);
        moves.log(
                rollbackId,
                Trigger.SUBMIT,
                actor,
                now,
                CampaignStatus.DRAFT,
                CampaignStatus.SUBMITTED,
                Map.of("rollbackOf", id, "risk", risk.name(), "approversNeeded", APPROVERS, "comment", comment));
        events.publishEvent(Audited.succeeded("campaign.rollback", "campaign:" + id, detail));
        return moves.campaign(rollbackId);
    }

    /** The readiness sheet's rollback release, still published and covering every hardware id sent. */
    private long knownGoodRelease(Campaign original) {
        Long releaseId = sheets.find(original.id())
                .map(ReadinessSheet::rollbackReleaseId)
                .orElse(null);
        if (releaseId == null) {
            throw ApiException.conflict(
                    "no-rollback-release", "Campaign " + original.id() + " names no rollback release");
        }
        if (releases.publishedImages(releaseId).isEmpty()) {
            throw ApiException.conflict(
                    "rollback-release-not-published", "Rollback release " + releaseId + " is not published");
        }
        var missing = new TreeSet<>(releases.campaignHardwareIds(original.id()));
        missing.removeAll(releases.hardwareIds(releaseId));
        if (!missing.isEmpty()) {
            throw ApiException.conflict(
                    "rollback-release-incomplete", "Rollback release " + releaseId + " has no image for " + missing);
        }
        return releaseId;
    }
}
