package io.pitwall.server.diagnostics.internal;

import io.pitwall.server.diagnostics.SeverityRule;
import io.pitwall.server.diagnostics.persistence.RuleSetRows;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parsed rules by version. A stored version never changes, so a parse is kept for the life of the node; which
 * version is active is read from the database every time (one indexed lookup), so an activation on another node
 * applies at once.
 */
@Component
public class RuleSetCache {

    private final RuleSetRows rows;
    private final JsonMapper json;
    private final Map<Integer, List<SeverityRule>> parsed = new ConcurrentHashMap<>();

    RuleSetCache(RuleSetRows rows, JsonMapper json) {
        this.rows = rows;
        this.json = json;
    }

    /** The active version and its rules, if a rule set is active. */
    public Optional<Map.Entry<Integer, List<SeverityRule>>> active() {
        return rows.activeVersion().map(version -> Map.entry(version, rules(version, null)));
    }

    /** The rules of a version; {@code body} when the caller has it already, else it is read. */
    public List<SeverityRule> rules(int version, String body) {
        return parsed.computeIfAbsent(
                version,
                v -> RuleSetParser.parse(json.readTree(
                                body != null ? body : rows.find(v).orElseThrow().body()))
                        .rules());
    }
}
