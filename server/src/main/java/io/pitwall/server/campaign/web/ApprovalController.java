package io.pitwall.server.campaign.web;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.campaign.Decision;
import io.pitwall.server.campaign.governance.Approval;
import io.pitwall.server.campaign.governance.CampaignApprovals;
import io.pitwall.server.campaign.web.CampaignController.CampaignResponse;
import io.pitwall.server.shared.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Submission, approvals and refusals of a campaign, and its decision log. */
@RestController
@RequestMapping("/api/v1/campaigns/{id}")
class ApprovalController {

    /** {@code decision} is APPROVE or REFUSE; a refusal needs a comment. */
    record DecisionRequest(
            @Schema(maxLength = 20) String decision,
            @Schema(maxLength = 2000) String comment) {}

    record ApprovalResponse(
            long id, int round, String approver, String decision, String comment, OffsetDateTime decidedAt) {

        static ApprovalResponse of(Approval a) {
            return new ApprovalResponse(
                    a.id(), a.round(), a.approver(), a.decision().name(), a.comment(), a.decidedAt());
        }
    }

    record DecisionResponse(long id, OffsetDateTime at, String actor, String kind, Map<String, Object> detail) {

        static DecisionResponse of(Decision d) {
            return new DecisionResponse(d.id(), d.at(), d.actor(), d.kind(), d.detail());
        }
    }

    private final CampaignApprovals approvals;

    ApprovalController(CampaignApprovals approvals) {
        this.approvals = approvals;
    }

    /** Submits a DRAFT whose readiness is complete (422 {@code campaign-not-ready} with the unmet items). */
    @PostMapping("/submit")
    @RequiresPermission(Permission.CAMPAIGN_CREATE)
    CampaignResponse submit(@PathVariable long id) {
        return CampaignResponse.of(approvals.submit(id, actor()));
    }

    @PostMapping("/approvals")
    @RequiresPermission(Permission.CAMPAIGN_APPROVE)
    CampaignResponse decide(@PathVariable long id, @RequestBody DecisionRequest request) {
        Approval.Verdict verdict;
        try {
            verdict = Approval.Verdict.valueOf(String.valueOf(request.decision()));
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("invalid-decision", "decision is APPROVE or REFUSE");
        }
        return CampaignResponse.of(approvals.decide(id, verdict, request.comment(), actor()));
    }

    @GetMapping("/approvals")
    @RequiresPermission(Permission.CAMPAIGN_READ)
    List<ApprovalResponse> list(@PathVariable long id) {
        return approvals.of(id).stream().map(ApprovalResponse::of).toList();
    }

    /** The decision log, oldest first. */
    @GetMapping("/decisions")
    @RequiresPermission(Permission.CAMPAIGN_READ)
    List<DecisionResponse> decisions(@PathVariable long id) {
        return approvals.decisions(id).stream().map(DecisionResponse::of).toList();
    }

    private static String actor() {
        return CurrentOperator.require().username();
    }
}
