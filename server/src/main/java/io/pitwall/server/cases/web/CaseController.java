package io.pitwall.server.cases.web;

import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.cases.CaseLifecycle.Trigger;
import io.pitwall.server.cases.CaseNote;
import io.pitwall.server.cases.CaseStatus;
import io.pitwall.server.cases.ServiceCase;
import io.pitwall.server.cases.internal.CaseCommands;
import io.pitwall.server.cases.internal.FindCases;
import io.pitwall.server.cases.persistence.ServiceCases;
import io.pitwall.server.diagnostics.RoutingTeam;
import io.pitwall.server.diagnostics.SeverityClass;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Page;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Service cases: list with filters, one case with context and history, transitions, owner, comments. */
@RestController
class CaseController {

    private final FindCases find;
    private final CaseCommands commands;

    CaseController(FindCases find, CaseCommands commands) {
        this.find = find;
        this.commands = commands;
    }

    @GetMapping("/api/v1/cases")
    @RequiresPermission(Permission.DIAGNOSTICS_READ)
    Page<CaseJson.CaseResponse> list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String vin,
            @RequestParam(required = false) String owner,
            @RequestParam(name = "class", required = false) String type,
            @RequestParam(required = false) Boolean escalated,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        var filter = new ServiceCases.Filter(
                parse(
                        status,
                        "status",
                        s -> Arrays.stream(CaseStatus.values())
                                .filter(v -> v.name().equals(s.toUpperCase(Locale.ROOT)))
                                .findFirst()),
                parse(team, "team", RoutingTeam::ofCode),
                blankToNull(vin),
                blankToNull(owner),
                parse(type, "class", SeverityClass::ofCode),
                escalated);
        Page<ServiceCase> found = find.page(filter, page, size);
        return new Page<>(found.items().stream().map(CaseJson::of).toList(), found.page(), found.size(), found.total());
    }

    @GetMapping("/api/v1/cases/{id}")
    @RequiresPermission(Permission.DIAGNOSTICS_READ)
    CaseJson.CaseDetail get(@PathVariable long id) {
        ServiceCase c = find.get(id);
        return new CaseJson.CaseDetail(CaseJson.of(c), find.context(c), find.notes(id));
    }

    /** {@code trigger}: acknowledge, start, resolve, close or reopen. */
    @PostMapping("/api/v1/cases/{id}/transitions")
    @RequiresPermission(Permission.CASE_WORK)
    CaseJson.CaseResponse transition(@PathVariable long id, @RequestBody CaseJson.TransitionRequest request) {
        Trigger trigger = request.trigger() == null
                ? null
                : Arrays.stream(Trigger.values())
                        .filter(t -> CaseCommands.BY_HAND.contains(t))
                        .filter(t -> t.name().equalsIgnoreCase(request.trigger().strip()))
                        .findFirst()
                        .orElse(null);
        if (trigger == null) {
            throw ApiException.badRequest(
                    "invalid-case-trigger", "trigger is one of acknowledge, start, resolve, close, reopen");
        }
        return CaseJson.of(commands.transition(id, trigger, request.version(), request.comment()));
    }

    @PutMapping("/api/v1/cases/{id}/owner")
    @RequiresPermission(Permission.CASE_WORK)
    CaseJson.CaseResponse owner(@PathVariable long id, @RequestBody CaseJson.OwnerRequest request) {
        return CaseJson.of(commands.assign(id, blankToNull(request.owner()), request.version()));
    }

    @PostMapping("/api/v1/cases/{id}/comments")
    @RequiresPermission(Permission.CASE_WORK)
    ResponseEntity<CaseNote> comment(@PathVariable long id, @RequestBody CaseJson.CommentRequest request) {
        CaseNote note = commands.comment(id, request.comment());
        return ResponseEntity.created(URI.create("/api/v1/cases/" + id)).body(note);
    }

    private static <T> T parse(String value, String name, Function<String, Optional<T>> of) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return of.apply(value.strip())
                .orElseThrow(() -> ApiException.badRequest(
                        "invalid-parameter", "Parameter '" + name + "' has an invalid value '" + value + "'"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
