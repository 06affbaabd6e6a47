package io.pitwall.server.campaign.governance;

import io.pitwall.server.campaign.Campaign;
import io.pitwall.server.campaign.CampaignRisk;
import io.pitwall.server.campaign.CampaignSettings;
import io.pitwall.server.campaign.CampaignStatus;
import io.pitwall.server.campaign.Decision;
import io.pitwall.server.campaign.governance.Approval.Verdict;
import io.pitwall.server.campaign.governance.CampaignLifecycle.Trigger;
import io.pitwall.server.campaign.internal.CampaignMoves;
import io.pitwall.server.campaign.persistence.Approvals;
import io.pitwall.server.campaign.persistence.Campaigns;
import io.pitwall.server.campaign.persistence.Decisions;
import io.pitwall.server.campaign.persistence.EligibilityReadModel;
import io.pitwall.server.campaign.persistence.ReleaseReadModel;
import io.pitwall.server.campaign.rollback.CampaignRollback;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Submission and approval under dual control. Submitting checks readiness and fixes the risk class; an
 * approver is never the campaign's creator or submitter; a HIGH-risk campaign needs two distinct approvers
 * in the current round, and so does every rollback campaign. A refusal returns a submitted campaign to DRAFT
 * (a rollback campaign is then cancelled and its original released, see {@link CampaignMoves#rollbackAbandoned}). The same decisions re-approve a
 * campaign the emergency stop holds. Also answers the approval records and the decision log.
 */
@Service
public class CampaignApprovals {

    private final CampaignMoves moves;
    private final CampaignReadiness readiness;
    private final Campaigns campaigns;
    private final Approvals approvals;
    private final Decisions decisions;
    private final EligibilityReadModel eligibility;
    private final ReleaseReadModel releases;
    private final CampaignSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CampaignApprovals(
            CampaignMoves moves,
            CampaignReadiness readiness,
            Campaigns campaigns,
            Approvals approvals,
            Decisions decisions,
            EligibilityReadModel eligibility,
            ReleaseReadModel releases,
            CampaignSettings settings,
            ApplicationEventPublisher events,
            Clock clock) {
        this.moves = moves;
        this.readiness = readiness;
        this.campaigns = campaigns;
        this.approvals = approvals;
        this.decisions = decisions;
        this.eligibility = eligibility;
        this.releases = releases;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** Submits a DRAFT campaign whose readiness items are all met ({@code campaign-not-ready}, 422, otherwise). */
    @Transactional
    public Campaign submit(long id, String actor) {
        Campaign campaign = moves.lock(id);
        var accepted = CampaignMoves.accept(campaign, Trigger.SUBMIT);
        Readiness ready = readiness.evaluate(campaign);
        if (!ready.ready()) {
            List<Map<String, Object>> unmet = ready.unmet().stream()
                    .map(i -> Map.<String, Object>of("item", i.item(), "reason", i.reason()))
                    .toList();
            throw new ApiException(
                    422,
                    "campaign-not-ready",
                    unmet.size() + " readiness item(s) unmet: "
                            + ready.unmet().stream().map(Readiness.Item::item).toList(),
                    Map.of("unmet", unmet));
        }
        long matched = eligibility.countMatching(id, campaign.filter());
        boolean riskyImage = releases.sendsHighRiskImage(id, CampaignRisk.HIGH_RISK_ECU_TYPES);
        CampaignRisk risk =
                riskyImage || matched > settings.highRiskVehicles() ? CampaignRisk.HIGH : CampaignRisk.STANDARD;
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<String, Object> detail = Map.of(
                "risk",
                risk.name(),
                "matchedVehicles",
                matched,
                "highRiskImage",
                riskyImage,
                "approversNeeded",
                risk.approversNeeded());
        moves.apply(campaign, Trigger.SUBMIT, accepted, actor, now, detail);
        campaigns.submitted(id, actor, risk, now);
        events.publishEvent(Audited.succeeded("campaign.submit", "campaign:" + id, detail));
        return moves.campaign(id);
    }

    /**
     * Records an approval or refusal of a campaign awaiting one (SUBMITTED, or held by the emergency stop).
     * Refused with 403 {@code self-approval} for its creator or submitter and with 409 {@code already-approved}
     * for a second approval by the same operator in a round: neither is written.
     */
    @Transactional
    public Campaign decide(long id, Verdict verdict, String comment, String actor) {
        if (comment != null && (comment.isBlank() || comment.length() > 2000)) {
            throw ApiException.unprocessable("invalid-comment", "A comment has 1 to 2000 characters");
        }
        if (verdict == Verdict.REFUSE && comment == null) {
            throw ApiException.unprocessable("comment-required", "A refusal says why in its comment");
        }
        Campaign campaign = moves.lock(id);
        Trigger trigger = verdict == Verdict.APPROVE ? Trigger.APPROVE : Trigger.REFUSE;
        var accepted = CampaignMoves.accept(campaign, trigger);
        if (actor.equals(campaign.createdBy()) || actor.equals(campaign.submittedBy())) {
            throw new ApiException(
                    403,
                    "self-approval",
                    actor + " created or submitted campaign " + id + " and cannot approve or refuse it");
        }
        int round = campaign.approvalRound();
        if (verdict == Verdict.APPROVE && approvals.approversInRound(id, round).contains(actor)) {
            throw ApiException.conflict(
                    "already-approved",
                    actor + " already approved campaign " + id
                            + " in this round; a second approval must come from someone else");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        approvals.insert(id, round, actor, verdict, comment, now);
        CampaignRisk risk = campaign.risk() == null ? CampaignRisk.STANDARD : campaign.risk();
        int needed = campaign.isRollback()
                ? Math.max(CampaignRollback.APPROVERS, risk.approversNeeded())
                : risk.approversNeeded();
        int approvers = approvals.approversInRound(id, round).size();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("round", round);
        detail.put("risk", risk.name());
        detail.put("approvers", approvers);
        detail.put("approversNeeded", needed);
        detail.put("comment", comment == null ? "" : comment);
        if (verdict == Verdict.REFUSE || approvers >= needed) {
            moves.apply(campaign, trigger, accepted, actor, now, detail);
        } else {
            moves.log(id, trigger, actor, now, campaign.status(), campaign.status(), detail);
        }
        events.publishEvent(Audited.succeeded(
                verdict == Verdict.APPROVE ? "campaign.approve" : "campaign.refuse", "campaign:" + id, detail));
        if (verdict == Verdict.REFUSE && campaign.isRollback() && accepted.next() == CampaignStatus.DRAFT) {
            refusedRollback(moves.campaign(id), actor, now, comment);
        }
        return moves.campaign(id);
    }

    /**
     * A refused rollback campaign is not edited and resubmitted like others (its content is fixed by the
     * request): it is cancelled, and the campaign it was to undo can be rolled back again.
     */
    private void refusedRollback(Campaign refused, String actor, OffsetDateTime now, String comment) {
        var cancel = CampaignMoves.accept(refused, Trigger.CANCEL);
        moves.apply(refused, Trigger.CANCEL, cancel, actor, now, Map.of("reason", "rollback refused"));
        moves.rollbackAbandoned(refused, actor, now, "rollback campaign " + refused.id() + " refused: " + comment)
                .ifPresent(original -> events.publishEvent(Audited.succeeded(
                        "campaign.rollback.abandon",
                        "campaign:" + original,
                        Map.of("rollbackCampaign", refused.id(), "reason", "refused"))));
    }

    @Transactional(readOnly = true)
    public List<Approval> of(long id) {
        moves.campaign(id);
        return approvals.of(id);
    }

    /** The campaign's decision log, oldest first. */
    @Transactional(readOnly = true)
    public List<Decision> decisions(long id) {
        moves.campaign(id);
        return decisions.of(id);
    }
}
