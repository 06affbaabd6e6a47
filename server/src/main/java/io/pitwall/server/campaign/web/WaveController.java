package io.pitwall.server.campaign.web;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.campaign.Wave;
import io.pitwall.server.campaign.WaveSpec;
import io.pitwall.server.campaign.rollout.AbortCriterion;
import io.pitwall.server.campaign.rollout.CampaignWaves;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A campaign's wave plan and abort criteria, and expansion approvals of its waves. */
@RestController
@RequestMapping("/api/v1/campaigns/{id}/waves")
class WaveController {

    record PlanRequest(
            List<WaveBody> waves,
            @ArraySchema(maxItems = 20) List<AbortBody> abortCriteria) {}

    record PlanResponse(List<WaveResponse> waves, List<AbortCriterion> abortCriteria) {}

    record WaveResponse(
            int number,
            String name,
            String kind,
            String selector,
            int soakMinutes,
            Object gate,
            boolean needsApproval,
            String status,
            long assigned,
            OffsetDateTime activatedAt,
            OffsetDateTime decidedAt,
            String decidedBy,
            Map<String, Object> verdict) {

        static WaveResponse of(Wave w) {
            return new WaveResponse(
                    w.number(),
                    w.spec().name(),
                    w.spec().kind().name(),
                    w.spec().selector(),
                    w.spec().soakMinutes(),
                    w.spec().gate(),
                    w.spec().needsApproval(),
                    w.status().name(),
                    w.assigned(),
                    w.activatedAt(),
                    w.decidedAt(),
                    w.decidedBy(),
                    w.verdict());
        }
    }

    record ApprovalRequest(
            @Schema(maxLength = CampaignWaves.MAX_COMMENT) String comment) {}

    private final CampaignWaves waves;

    WaveController(CampaignWaves waves) {
        this.waves = waves;
    }

    /** Replaces the plan of a draft campaign (422 {@code invalid-wave-plan}, {@code invalid-wave-gate}, ...). */
    @PutMapping
    @RequiresPermission(Permission.CAMPAIGN_CREATE)
    PlanResponse define(@PathVariable long id, @RequestBody PlanRequest request) {
        List<WaveSpec> specs = request.waves() == null
                ? List.of()
                : request.waves().stream().map(WaveBody::toSpec).toList();
        List<AbortCriterion> abort = request.abortCriteria() == null
                ? List.of()
                : request.abortCriteria().stream().map(AbortBody::toCriterion).toList();
        waves.define(id, specs, abort);
        return plan(id);
    }

    @GetMapping
    @RequiresPermission(Permission.CAMPAIGN_READ)
    PlanResponse plan(@PathVariable long id) {
        return new PlanResponse(waves.of(id).stream().map(WaveResponse::of).toList(), waves.abortCriteria(id));
    }

    /** Lets the campaign expand past a wave awaiting approval, or overrides a failed gate (comment required). */
    @PostMapping("/{number}/approval")
    @RequiresPermission(Permission.CAMPAIGN_APPROVE)
    WaveResponse approve(
            @PathVariable long id, @PathVariable int number, @RequestBody(required = false) ApprovalRequest request) {
        String comment = request == null ? null : request.comment();
        return WaveResponse.of(
                waves.approveExpansion(id, number, CurrentOperator.require().username(), comment));
    }
}
