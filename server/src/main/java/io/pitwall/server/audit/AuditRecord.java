package io.pitwall.server.audit;

import java.time.OffsetDateTime;

/** One record of the audit trail, with its place in the hash chain. */
public record AuditRecord(
        long seq,
        OffsetDateTime occurredAt,
        String operator,
        String role,
        String action,
        String target,
        String outcome,
        String requestId,
        String details,
        String prevHash,
        String hash) {}
