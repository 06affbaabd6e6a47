package io.pitwall.server.diagnostics.web;

import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.diagnostics.RuleDryRun;
import io.pitwall.server.diagnostics.RuleSet;
import io.pitwall.server.diagnostics.SeverityRule;
import io.pitwall.server.diagnostics.SeverityRuleSets;
import io.pitwall.server.diagnostics.internal.RuleSetParser;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Severity rule sets: upload (a new version), activate a version, read, and dry-run over stored faults. */
@RestController
class RuleSetController {

    record RuleSetResponse(
            int version,
            String name,
            boolean active,
            String uploadedBy,
            Instant uploadedAt,
            int ruleCount,
            JsonNode ruleSet) {}

    private final SeverityRuleSets ruleSets;
    private final RuleDryRun dryRun;
    private final JsonMapper json;

    RuleSetController(SeverityRuleSets ruleSets, RuleDryRun dryRun, JsonMapper json) {
        this.ruleSets = ruleSets;
        this.dryRun = dryRun;
        this.json = json;
    }

    @PostMapping("/api/v1/diagnostics/rule-sets")
    @RequiresPermission(Permission.DIAGNOSTICS_COMMAND)
    ResponseEntity<RuleSetResponse> upload(
            @RequestBody JsonNode body, @RequestParam(defaultValue = "true") boolean activate) {
        RuleSet stored = ruleSets.upload(body, activate);
        return ResponseEntity.created(URI.create("/api/v1/diagnostics/rule-sets/" + stored.version()))
                .body(response(stored));
    }

    @PostMapping("/api/v1/diagnostics/rule-sets/{version}/activate")
    @RequiresPermission(Permission.DIAGNOSTICS_COMMAND)
    RuleSetResponse activate(@PathVariable int version) {
        return response(ruleSets.activate(version));
    }

    @GetMapping("/api/v1/diagnostics/rule-sets")
    @RequiresPermission(Permission.DIAGNOSTICS_READ)
    List<RuleSetResponse> list() {
        return ruleSets.list().stream()
                .map(r ->
                        new RuleSetResponse(r.version(), r.name(), r.active(), r.uploadedBy(), r.uploadedAt(), 0, null))
                .toList();
    }

    @GetMapping("/api/v1/diagnostics/rule-sets/{version}")
    @RequiresPermission(Permission.DIAGNOSTICS_READ)
    RuleSetResponse get(@PathVariable int version) {
        return response(ruleSets.get(version));
    }

    /**
     * Dry run of the rule set in the body. Refusals are answered here, not by the problem advice: a dry run
     * changes nothing, so a bad rule set is not an audited refusal of a state change.
     */
    @PostMapping("/api/v1/diagnostics/rule-sets/dry-run")
    @RequiresPermission(Permission.DIAGNOSTICS_READ)
    ResponseEntity<?> dryRun(
            @RequestBody JsonNode body, @RequestParam(defaultValue = "7") int days, HttpServletRequest http) {
        return answer(http, () -> run(RuleSetParser.parse(body).rules(), days));
    }

    @PostMapping("/api/v1/diagnostics/rule-sets/{version}/dry-run")
    @RequiresPermission(Permission.DIAGNOSTICS_READ)
    ResponseEntity<?> dryRunStored(
            @PathVariable int version, @RequestParam(defaultValue = "7") int days, HttpServletRequest http) {
        return answer(http, () -> run(ruleSets.get(version).rules(), days));
    }

    private RuleDryRun.Report run(List<SeverityRule> rules, int days) {
        return dryRun.run(rules, days);
    }

    private static ResponseEntity<?> answer(HttpServletRequest http, Supplier<RuleDryRun.Report> work) {
        try {
            return ResponseEntity.ok(DryRunJson.of(work.get()));
        } catch (ApiException e) {
            ProblemDetail problem = Problems.problem(e.status(), e.code(), e.getMessage(), e.properties());
            problem.setInstance(URI.create(http.getRequestURI()));
            return ResponseEntity.status(e.status())
                    .contentType(Problems.PROBLEM_JSON)
                    .body(problem);
        }
    }

    private RuleSetResponse response(RuleSet set) {
        return new RuleSetResponse(
                set.version(),
                set.name(),
                set.active(),
                set.uploadedBy(),
                set.uploadedAt(),
                set.rules().size(),
                set.body() == null ? null : json.readTree(set.body()));
    }
}
