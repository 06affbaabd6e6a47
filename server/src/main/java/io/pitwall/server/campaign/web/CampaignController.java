package io.pitwall.server.campaign.web;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.campaign.Campaign;
import io.pitwall.server.campaign.CampaignProgress;
import io.pitwall.server.campaign.TargetFilter;
import io.pitwall.server.campaign.delivery.CampaignSchedule;
import io.pitwall.server.campaign.governance.CampaignCommands;
import io.pitwall.server.campaign.governance.CampaignTargeting;
import io.pitwall.server.campaign.persistence.Campaigns;
import io.pitwall.server.shared.Page;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/campaigns")
class CampaignController {

    /** {@code filter}: an RSQL string or the older equality object, see {@link TargetFilterBody}. */
    record CreateCampaignRequest(
            @NotBlank @Schema(maxLength = 200) String name,
            @NotNull Long releaseId,
            JsonNode filter,
            ScheduleBody schedule) {}

    record CampaignResponse(
            long id,
            String name,
            long releaseId,
            String status,
            boolean emergencyHold,
            TargetFilter filter,
            String createdBy,
            OffsetDateTime createdAt,
            String submittedBy,
            OffsetDateTime submittedAt,
            String risk,
            int approvalRound,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt,
            long version,
            Long rollbackOf) {

        static CampaignResponse of(Campaign c) {
            return new CampaignResponse(
                    c.id(),
                    c.name(),
                    c.releaseId(),
                    c.status().name(),
                    c.held(),
                    c.filter(),
                    c.createdBy(),
                    c.createdAt(),
                    c.submittedBy(),
                    c.submittedAt(),
                    c.risk() == null ? null : c.risk().name(),
                    c.approvalRound(),
                    c.startedAt(),
                    c.finishedAt(),
                    c.version(),
                    c.rollbackOf());
        }
    }

    record ProgressResponse(
            CampaignResponse campaign,
            long assignments,
            Map<String, Long> byStatus,
            Map<String, Long> byFailureCategory,
            Map<String, Long> deferred) {

        static ProgressResponse of(CampaignProgress p) {
            return new ProgressResponse(
                    CampaignResponse.of(p.campaign()),
                    p.assignments(),
                    p.byStatus(),
                    p.byFailureCategory(),
                    p.deferred());
        }
    }

    private final CampaignCommands commands;
    private final Campaigns campaigns;
    private final CampaignTargeting targeting;

    CampaignController(CampaignCommands commands, Campaigns campaigns, CampaignTargeting targeting) {
        this.commands = commands;
        this.campaigns = campaigns;
        this.targeting = targeting;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(Permission.CAMPAIGN_CREATE)
    CampaignResponse create(@Valid @RequestBody CreateCampaignRequest request) {
        TargetFilter filter = TargetFilterBody.parse(request.filter());
        targeting.check(filter);
        CampaignSchedule schedule =
                request.schedule() == null ? null : request.schedule().toSchedule();
        return CampaignResponse.of(commands.create(
                request.name(),
                request.releaseId(),
                filter,
                CurrentOperator.require().username(),
                schedule));
    }

    @GetMapping
    @RequiresPermission(Permission.CAMPAIGN_READ)
    Page<CampaignResponse> list(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Page.check(page, size);
        return new Page<>(
                campaigns.all(page, size).stream().map(CampaignResponse::of).toList(), page, size, campaigns.count());
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.CAMPAIGN_READ)
    ProgressResponse get(@PathVariable long id) {
        return ProgressResponse.of(commands.progress(id));
    }

    /** Starts an APPROVED campaign. */
    @PostMapping("/{id}/start")
    @RequiresPermission(Permission.CAMPAIGN_OPERATE)
    ProgressResponse start(@PathVariable long id) {
        return ProgressResponse.of(commands.start(id, actor()));
    }

    @PostMapping("/{id}/pause")
    @RequiresPermission(Permission.CAMPAIGN_OPERATE)
    ProgressResponse pause(@PathVariable long id) {
        return ProgressResponse.of(commands.pause(id, actor()));
    }

    /** Resumes a paused campaign; after an emergency stop only once it was approved again. */
    @PostMapping("/{id}/resume")
    @RequiresPermission(Permission.CAMPAIGN_OPERATE)
    ProgressResponse resume(@PathVariable long id) {
        return ProgressResponse.of(commands.resume(id, actor()));
    }

    @PostMapping("/{id}/cancel")
    @RequiresPermission(Permission.CAMPAIGN_OPERATE)
    ProgressResponse cancel(@PathVariable long id) {
        return ProgressResponse.of(commands.cancel(id, actor()));
    }

    private static String actor() {
        return CurrentOperator.require().username();
    }
}
