package io.pitwall.server.cases.web;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.cases.internal.CaseCommands;
import io.pitwall.server.cases.internal.ExceptionCases;
import io.pitwall.server.cases.internal.FindCases;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Open a case" on a vehicle of a campaign's exception queue (the queue and its retry/exclude actions are
 * campaign's). Served by cases so that campaign does not depend on cases.
 */
@RestController
class ExceptionCaseController {

    record OpenRequest(
            @Schema(maxLength = CaseCommands.MAX_TEXT) String comment) {}

    private final ExceptionCases exceptionCases;
    private final FindCases find;

    ExceptionCaseController(ExceptionCases exceptionCases, FindCases find) {
        this.exceptionCases = exceptionCases;
        this.find = find;
    }

    /** 201 with the new case, or 200 with the vehicle's open case of this campaign, which counted a recurrence. */
    @PostMapping("/api/v1/campaigns/{id}/exceptions/{vin}/case")
    @RequiresPermission(Permission.CASE_WORK)
    ResponseEntity<CaseJson.CaseResponse> open(
            @PathVariable long id, @PathVariable String vin, @RequestBody(required = false) OpenRequest request) {
        var opened = exceptionCases.open(
                id, vin, CurrentOperator.require().username(), request == null ? null : request.comment());
        var body = CaseJson.of(find.get(opened.caseId()));
        return opened.created()
                ? ResponseEntity.created(URI.create("/api/v1/cases/" + opened.caseId()))
                        .body(body)
                : ResponseEntity.ok(body);
    }
}
