package io.pitwall.server.cases;

import java.time.Instant;

/**
 * Published in the escalating transaction when an open case breaches its SLA: its priority was raised and the
 * escalation team is to be told (a notification module listens for this; the audit trail records it).
 */
public record CaseEscalated(
        long caseId, String vin, String escalationTeam, int priority, Instant dueAt, Instant escalatedAt) {}
