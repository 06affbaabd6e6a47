package io.pitwall.server.shared;

import java.util.Map;
import java.util.Objects;

/**
 * Published by a use case, inside its transaction, for every state change it makes, and by the web
 * layer for every refused state-changing request. The audit module appends it to the hash-chained
 * trail in the same transaction; the operator, role and request id are taken from the request.
 *
 * @param action  dotted verb, e.g. {@code vehicle.create}
 * @param target  what was acted on, e.g. {@code vehicle:WP0ZZZ99ZTS392124}
 * @param outcome whether the change happened
 * @param details small, JSON-serialisable facts (never secrets)
 */
public record Audited(String action, String target, Outcome outcome, Map<String, Object> details) {

    public enum Outcome {
        SUCCEEDED,
        REFUSED
    }

    public Audited {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        target = target == null ? "" : target;
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static Audited succeeded(String action, String target, Map<String, Object> details) {
        return new Audited(action, target, Outcome.SUCCEEDED, details);
    }

    public static Audited refused(String action, String target, Map<String, Object> details) {
        return new Audited(action, target, Outcome.REFUSED, details);
    }
}
