package io.pitwall.server.campaign.web;

import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.campaign.WaveSpec;
import io.pitwall.server.campaign.governance.CampaignTargeting;
import io.pitwall.server.campaign.governance.DryRun;
import io.pitwall.server.shared.ApiException;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Dry runs: who a campaign would reach, and why the others would not, without writing anything. */
@RestController
@RequestMapping("/api/v1/campaigns")
class DryRunController {

    /**
     * {@code allowedRegions}: when given, vehicles elsewhere count as region-not-allowed; {@code waves}: a
     * plan (as for {@code PUT …/waves}) to size over the eligible vehicles.
     */
    record DryRunRequest(
            @NotNull Long releaseId,
            JsonNode filter,

            @ArraySchema(schema = @Schema(maxLength = 32), maxItems = 100)
            List<String> allowedRegions,

            List<WaveBody> waves) {}

    /**
     * {@code ineligible}: every reason code in evaluation order, each vehicle under its first reason;
     * {@code waves}: each wave's size over the eligible vehicles, {@code unplanned}: eligible in no wave.
     */
    record DryRunResponse(
            long matched, long eligible, Map<String, Long> ineligible, List<WaveSize> waves, long unplanned) {

        static DryRunResponse of(DryRun run) {
            Map<String, Long> reasons = new LinkedHashMap<>();
            run.ineligible().forEach((reason, count) -> reasons.put(reason.code(), count));
            return new DryRunResponse(
                    run.matched(),
                    run.eligible(),
                    reasons,
                    run.waves().stream()
                            .map(w ->
                                    new WaveSize(w.number(), w.name(), w.kind().name(), w.size()))
                            .toList(),
                    run.unplanned());
        }
    }

    record WaveSize(int number, String name, String kind, long size) {}

    private final CampaignTargeting targeting;

    DryRunController(CampaignTargeting targeting) {
        this.targeting = targeting;
    }

    @PostMapping("/dry-run")
    @RequiresPermission(Permission.CAMPAIGN_CREATE)
    DryRunResponse dryRun(@Valid @RequestBody DryRunRequest request) {
        var filter = TargetFilterBody.parse(request.filter());
        List<WaveSpec> waves = request.waves() == null
                ? List.of()
                : request.waves().stream().map(WaveBody::toSpec).toList();
        return DryRunResponse.of(
                targeting.dryRun(request.releaseId(), filter, regions(request.allowedRegions()), waves));
    }

    @GetMapping("/{id}/dry-run")
    @RequiresPermission(Permission.CAMPAIGN_READ)
    DryRunResponse dryRun(@PathVariable long id, @RequestParam(required = false) List<String> allowedRegions) {
        return DryRunResponse.of(targeting.dryRun(id, regions(allowedRegions)));
    }

    private static List<String> regions(List<String> regions) {
        if (regions == null) {
            return List.of();
        }
        if (regions.size() > 100 || regions.stream().anyMatch(r -> r == null || r.isBlank() || r.length() > 32)) {
            throw ApiException.badRequest(
                    "invalid-parameter", "allowedRegions: at most 100 regions of 1-32 characters");
        }
        return List.copyOf(regions);
    }
}
