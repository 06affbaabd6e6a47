package io.pitwall.server.cases;

import io.pitwall.server.diagnostics.RoutingTeam;
import io.pitwall.server.diagnostics.SeverityClass;
import java.time.Duration;
import java.time.Instant;

/**
 * A service case as stored.
 *
 * @param subject         what it is deduplicated on per vehicle: {@code rule:<ruleId>} or {@code campaign:<id>}
 * @param origin          {@code FAULT_RULE}, {@code UPDATE_FAILURE}, {@code FAULT_REGRESSION} or {@code EXCEPTION_QUEUE}
 * @param code            the fault's display code, or the update's failure code
 * @param priority        1 (most urgent) to 4; an escalation raises it by one
 * @param slaDueAt        when work is due; an open case past it is escalated once
 * @param escalatedAt     when the SLA breach was escalated, {@code null} if not (or not since reopening)
 * @param occurrences     how many times the fault or failure was seen while the case held its key
 */
public record ServiceCase(
        long id,
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
        CaseStatus status,
        int priority,
        String owner,
        Duration sla,
        Instant slaDueAt,
        Instant escalatedAt,
        int occurrences,
        Instant lastSeenAt,
        long version,
        Instant openedAt,
        Instant updatedAt) {}
