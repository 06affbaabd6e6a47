package io.pitwall.server.diagnostics;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.diagnostics.internal.RuleSetCache;
import io.pitwall.server.diagnostics.internal.RuleSetParser;
import io.pitwall.server.diagnostics.persistence.RuleSetRows;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import io.pitwall.server.shared.Leases;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploads, activates and reads severity rule sets. Every upload is validated whole ({@code invalid-rule-set}
 * with every problem, nothing stored) and becomes a new version; older versions are kept, and activating one
 * of them is how a rule change is undone. Uploads and activations are serialized on every node by a named
 * lock, and each is audited in its transaction.
 */
@Service
public class SeverityRuleSets {

    private static final String LOCK = "severity-rule-sets";
    /** The width of {@code severity_rule_set.body}: a request may carry a little more (the JSON body limit). */
    static final int MAX_STORED_CHARS = 1_000_000;

    private final RuleSetRows rows;
    private final RuleSetCache cache;
    private final Leases leases;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SeverityRuleSets(
            RuleSetRows rows,
            RuleSetCache cache,
            Leases leases,
            JsonMapper json,
            ApplicationEventPublisher events,
            Clock clock) {
        this.rows = rows;
        this.cache = cache;
        this.leases = leases;
        this.json = json;
        this.events = events;
        this.clock = clock;
    }

    /** Stores the rule set as the next version, and makes it the active one when {@code activate}. */
    @Transactional
    public RuleSet upload(JsonNode body, boolean activate) {
        RuleSetParser.Parsed parsed = RuleSetParser.parse(body);
        String text = json.writeValueAsString(body);
        if (text.length() > MAX_STORED_CHARS) {
            throw new ApiException(
                    400,
                    "invalid-rule-set",
                    "The rule set is stored as at most " + MAX_STORED_CHARS + " characters of JSON, not "
                            + text.length());
        }
        leases.lockUntilCommit(LOCK);
        int version = rows.nextVersion();
        String by = CurrentOperator.get().map(CurrentOperator::username).orElse("system");
        var at = clock.instant();
        rows.insert(version, parsed.name(), text, parsed.rules().size(), by, at);
        if (activate) {
            rows.activate(version);
        }
        events.publishEvent(Audited.succeeded(
                "diagnostics.rule-set.upload",
                "rule-set:" + version,
                Map.of("name", parsed.name(), "rules", parsed.rules().size(), "activated", activate)));
        // Not through the cache: this version number is only ours once the transaction commits.
        return new RuleSet(version, parsed.name(), activate, by, at, parsed.rules(), text);
    }

    @Transactional
    public RuleSet activate(int version) {
        leases.lockUntilCommit(LOCK);
        Integer previous = rows.activeVersion().orElse(null);
        if (!rows.activate(version)) {
            throw ApiException.notFound("rule-set-not-found", "No severity rule set version " + version);
        }
        events.publishEvent(Audited.succeeded(
                "diagnostics.rule-set.activate",
                "rule-set:" + version,
                Map.of("previous", previous == null ? "none" : previous)));
        return get(version);
    }

    /** Every version, newest first, without their rules. */
    @Transactional(readOnly = true)
    public List<RuleSet> list() {
        return rows.list().stream()
                .map(r ->
                        new RuleSet(r.version(), r.name(), r.active(), r.uploadedBy(), r.uploadedAt(), List.of(), null))
                .toList();
    }

    @Transactional(readOnly = true)
    public RuleSet get(int version) {
        RuleSetRows.Row row = rows.find(version)
                .orElseThrow(
                        () -> ApiException.notFound("rule-set-not-found", "No severity rule set version " + version));
        return new RuleSet(
                row.version(),
                row.name(),
                row.active(),
                row.uploadedBy(),
                row.uploadedAt(),
                cache.rules(version, row.body()),
                row.body());
    }
}
