package io.pitwall.server.campaign.web;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.campaign.AssignmentDelivery;
import io.pitwall.server.campaign.CampaignExceptions;
import io.pitwall.server.campaign.QueuedVehicle;
import io.pitwall.server.campaign.persistence.ExceptionQueue;
import io.pitwall.server.shared.Page;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A campaign's exception queue: stuck, failed and deferred vehicles, and the retry and exclude actions. */
@RestController
@RequestMapping("/api/v1/campaigns/{id}/exceptions")
class ExceptionController {

    /**
     * {@code kind}: TIMED_OUT, NO_PROGRESS, FAILED or DEFERRED; {@code reason}: the failure category and code,
     * the deferral reason, or how long it has not moved.
     */
    record ExceptionResponse(
            String vin,
            String assignmentId,
            int attempt,
            String status,
            String kind,
            String reason,
            String failureCategory,
            String failureCode,
            String deferredReason,
            OffsetDateTime deferredUntil,
            OffsetDateTime retryAt,
            OffsetDateTime since,
            String comment) {

        static ExceptionResponse of(ExceptionQueue.ExceptionRow r) {
            String reason = QueuedVehicle.reason(
                    r.kind(), r.status().name(), r.failureCategory(), r.failureCode(), r.deferredReason(), r.since());
            return new ExceptionResponse(
                    r.vin(),
                    AssignmentDelivery.deviceId(r.id(), r.attempt()),
                    r.attempt(),
                    r.status().name(),
                    r.kind(),
                    reason,
                    r.failureCategory(),
                    r.failureCode(),
                    r.deferredReason(),
                    r.deferredUntil(),
                    r.retryAt(),
                    r.since(),
                    r.comment());
        }
    }

    record ActionRequest(@Schema(maxLength = 2000) String comment) {}

    private final CampaignExceptions exceptions;

    ExceptionController(CampaignExceptions exceptions) {
        this.exceptions = exceptions;
    }

    @GetMapping
    @RequiresPermission(Permission.CAMPAIGN_READ)
    Page<ExceptionResponse> list(
            @PathVariable long id,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        var found = exceptions.list(id, page, size);
        return new Page<>(found.items().stream().map(ExceptionResponse::of).toList(), page, size, found.total());
    }

    /** Offers the vehicle another attempt now (409 {@code not-retryable} unless it failed or timed out). */
    @PostMapping("/{vin}/retry")
    @RequiresPermission(Permission.CAMPAIGN_OPERATE)
    ResponseEntity<Void> retry(
            @PathVariable long id, @PathVariable String vin, @RequestBody(required = false) ActionRequest request) {
        exceptions.retry(id, vin, CurrentOperator.require().username(), request == null ? null : request.comment());
        return ResponseEntity.noContent().build();
    }

    /** Takes the vehicle out of the campaign (409 {@code install-in-progress} while it installs). */
    @PostMapping("/{vin}/exclude")
    @RequiresPermission(Permission.CAMPAIGN_OPERATE)
    ResponseEntity<Void> exclude(
            @PathVariable long id, @PathVariable String vin, @RequestBody(required = false) ActionRequest request) {
        exceptions.exclude(id, vin, CurrentOperator.require().username(), request == null ? null : request.comment());
        return ResponseEntity.noContent().build();
    }
}
