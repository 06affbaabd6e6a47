package io.pitwall.server.cases;

import io.pitwall.server.diagnostics.RoutingTeam;
import io.pitwall.server.diagnostics.SeverityClass;
import java.time.Duration;
import java.util.Objects;

/**
 * What opens (or recurs on) a case: a classified fault or a failed update.
 *
 * @param subject {@code rule:<ruleId>}, {@code campaign:<campaignId>} or {@code regression:<campaignId>/<wave>}: a vehicle has at most one case per
 *                subject holding its key
 */
public record NewCase(
        String vin,
        String subject,
        String origin,
        SeverityClass severityClass,
        RoutingTeam team,
        RoutingTeam escalationTeam,
        String nextAction,
        String code,
        String ecuSerial,
        Integer ruleSetVersion,
        Long campaignId,
        Duration sla) {

    public NewCase {
        Objects.requireNonNull(vin, "vin");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(severityClass, "severityClass");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(escalationTeam, "escalationTeam");
        Objects.requireNonNull(sla, "sla");
    }
}
