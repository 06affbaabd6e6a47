package io.pitwall.server.diagnostics;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One rule of a severity rule set: what it matches and what it yields. Every given condition must hold; an
 * absent (empty, {@code null}) condition does not restrict. Built only by the rule-set parser, which has already
 * checked every field, so this record only guards against nulls.
 *
 * @param codes       J2012 code patterns: exact {@code P0A80} (any failure type), exact with failure type
 *                    {@code U0100-87}, or a prefix ending in {@code *} ({@code P0A8*})
 * @param ecuTypes    inventory ECU type names; a fault of an ECU the inventory does not know never matches these
 * @param statusBits  ISO 14229-1 status bit names that must all be set ({@code confirmedDTC}, ...)
 * @param count       at least this many matching observations of the vehicle within the window, this one included
 * @param afterUpdate the fault occurred within N days after the vehicle's update from a campaign succeeded
 * @param escalateTo  the team told when the case's SLA is breached; {@code null}: the settings' default
 */
public record SeverityRule(
        String id,
        String description,
        List<String> codes,
        Set<String> ecuTypes,
        List<String> statusBits,
        Count count,
        AfterUpdate afterUpdate,
        SeverityClass severityClass,
        RoutingTeam team,
        Duration sla,
        String nextAction,
        RoutingTeam escalateTo) {

    public SeverityRule {
        Objects.requireNonNull(id, "id");
        codes = List.copyOf(codes);
        ecuTypes = Set.copyOf(ecuTypes);
        statusBits = List.copyOf(statusBits);
        Objects.requireNonNull(severityClass, "severityClass");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(sla, "sla");
        Objects.requireNonNull(nextAction, "nextAction");
    }

    /** At least {@code atLeast} matching observations within {@code within} up to the one classified. */
    public record Count(int atLeast, Duration within) {}

    /** Within {@code withinDays} after an update succeeded; {@code campaignId} {@code null} = any campaign. */
    public record AfterUpdate(Long campaignId, int withinDays) {}
}
