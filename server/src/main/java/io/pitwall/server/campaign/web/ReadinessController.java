package io.pitwall.server.campaign.web;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.campaign.ReadinessSheet;
import io.pitwall.server.campaign.ReadinessSheet.Owners;
import io.pitwall.server.campaign.governance.CampaignReadiness;
import io.pitwall.server.campaign.governance.Evidence;
import io.pitwall.server.campaign.governance.Readiness;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A campaign's readiness: the sheet a release manager fills in on a DRAFT, its evidence, and what is met. */
@RestController
@RequestMapping("/api/v1/campaigns/{id}")
class ReadinessController {

    record OwnersRequest(
            @Schema(maxLength = 100) String approval,
            @Schema(maxLength = 100) String validation,
            @Schema(maxLength = 100) String monitoring,
            @Schema(maxLength = 100) String support,
            @Schema(maxLength = 100) String rollback,
            @Schema(maxLength = 100) String review) {}

    /** The sheet; in a PATCH, fields left out (null) keep their value (owners field by field). */
    record ReadinessRequest(
            Long rollbackReleaseId,
            OwnersRequest owners,
            @Schema(maxLength = 500) String runbookUrl,

            @ArraySchema(schema = @Schema(maxLength = 180), maxItems = 10)
            List<String> incidentContacts,

            @Schema(maxLength = 10_000) String customerCommunication) {}

    record EvidenceRequest(
            @Schema(maxLength = 200) String name,
            @Schema(maxLength = 64) String sha256,
            @Schema(maxLength = 500) String url) {}

    record ItemResponse(String item, boolean met, String reason) {}

    record SheetResponse(
            Long rollbackReleaseId,
            OwnersRequest owners,
            String runbookUrl,
            List<String> incidentContacts,
            String customerCommunication) {

        static SheetResponse of(ReadinessSheet s) {
            Owners o = s.owners();
            return new SheetResponse(
                    s.rollbackReleaseId(),
                    new OwnersRequest(
                            o.approval(), o.validation(), o.monitoring(), o.support(), o.rollback(), o.review()),
                    s.runbookUrl(),
                    s.incidentContacts(),
                    s.customerCommunication());
        }
    }

    record EvidenceResponse(long id, String name, String sha256, String url, String addedBy, OffsetDateTime addedAt) {

        static EvidenceResponse of(Evidence e) {
            return new EvidenceResponse(e.id(), e.name(), e.sha256(), e.url(), e.addedBy(), e.addedAt());
        }
    }

    record ReadinessResponse(
            long campaignId,
            boolean ready,
            List<ItemResponse> items,
            SheetResponse sheet,
            List<EvidenceResponse> evidence) {

        static ReadinessResponse of(Readiness r) {
            return new ReadinessResponse(
                    r.campaignId(),
                    r.ready(),
                    r.items().stream()
                            .map(i -> new ItemResponse(i.item(), i.met(), i.reason()))
                            .toList(),
                    SheetResponse.of(r.sheet()),
                    r.evidence().stream().map(EvidenceResponse::of).toList());
        }
    }

    private final CampaignReadiness readiness;

    ReadinessController(CampaignReadiness readiness) {
        this.readiness = readiness;
    }

    @GetMapping("/readiness")
    @RequiresPermission(Permission.CAMPAIGN_READ)
    ReadinessResponse get(@PathVariable long id) {
        return ReadinessResponse.of(readiness.of(id));
    }

    /** Replaces the whole sheet. */
    @PutMapping("/readiness")
    @RequiresPermission(Permission.CAMPAIGN_CREATE)
    ReadinessResponse replace(@PathVariable long id, @RequestBody ReadinessRequest request) {
        var owners =
                request.owners() == null ? new OwnersRequest(null, null, null, null, null, null) : request.owners();
        var sheet = new ReadinessSheet(
                request.rollbackReleaseId(),
                new Owners(
                        owners.approval(),
                        owners.validation(),
                        owners.monitoring(),
                        owners.support(),
                        owners.rollback(),
                        owners.review()),
                request.runbookUrl(),
                request.incidentContacts(),
                request.customerCommunication());
        return ReadinessResponse.of(readiness.edit(id, old -> sheet, actor()));
    }

    /** Changes the fields present and keeps the others. */
    @PatchMapping("/readiness")
    @RequiresPermission(Permission.CAMPAIGN_CREATE)
    ReadinessResponse patch(@PathVariable long id, @RequestBody ReadinessRequest request) {
        return ReadinessResponse.of(readiness.edit(id, old -> merge(old, request), actor()));
    }

    @PostMapping("/evidence")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(Permission.CAMPAIGN_CREATE)
    ReadinessResponse addEvidence(@PathVariable long id, @RequestBody EvidenceRequest request) {
        return ReadinessResponse.of(
                readiness.addEvidence(id, request.name(), request.sha256(), request.url(), actor()));
    }

    private static ReadinessSheet merge(ReadinessSheet old, ReadinessRequest r) {
        Owners o = old.owners();
        OwnersRequest n = r.owners() == null ? new OwnersRequest(null, null, null, null, null, null) : r.owners();
        return new ReadinessSheet(
                or(r.rollbackReleaseId(), old.rollbackReleaseId()),
                new Owners(
                        or(n.approval(), o.approval()),
                        or(n.validation(), o.validation()),
                        or(n.monitoring(), o.monitoring()),
                        or(n.support(), o.support()),
                        or(n.rollback(), o.rollback()),
                        or(n.review(), o.review())),
                or(r.runbookUrl(), old.runbookUrl()),
                or(r.incidentContacts(), old.incidentContacts()),
                or(r.customerCommunication(), old.customerCommunication()));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static String actor() {
        return CurrentOperator.require().username();
    }
}
