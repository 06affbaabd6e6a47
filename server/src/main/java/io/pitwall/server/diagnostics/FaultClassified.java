package io.pitwall.server.diagnostics;

import java.util.Objects;

/**
 * Published in the ingesting transaction for every newly stored fault observation that a rule of the active
 * rule set matched (the first matching rule), so what listeners do with it commits with the observation.
 */
public record FaultClassified(FaultObservation observation, int ruleSetVersion, SeverityRule rule) {

    public FaultClassified {
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(rule, "rule");
    }
}
