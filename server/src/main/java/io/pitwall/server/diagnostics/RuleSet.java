package io.pitwall.server.diagnostics;

import java.time.Instant;
import java.util.List;

/**
 * A stored, immutable version of the severity rules. Versions count up from 1 with every upload and are never
 * deleted; exactly one (or, before the first upload, none) is active and classifies new fault observations.
 * Rules are ordered: the first rule that matches an observation classifies it.
 *
 * @param body the rule set as uploaded, re-serialized
 */
public record RuleSet(
        int version,
        String name,
        boolean active,
        String uploadedBy,
        Instant uploadedAt,
        List<SeverityRule> rules,
        String body) {

    public RuleSet {
        rules = List.copyOf(rules);
    }
}
