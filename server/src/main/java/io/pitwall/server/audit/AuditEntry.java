package io.pitwall.server.audit;

import java.time.OffsetDateTime;

/**
 * What an audit record says, before it has a place in the chain: written by the transaction of the change
 * it describes, then chained by the sealer.
 */
public record AuditEntry(
        OffsetDateTime occurredAt,
        String operator,
        String role,
        String action,
        String target,
        String outcome,
        String requestId,
        String details) {

    /** This entry as record {@code seq}, following the record whose hash is {@code prevHash}. */
    public AuditRecord chainedAt(long seq, String prevHash, ChainHash.Hasher hasher) {
        String hash = hasher.hash(
                prevHash, seq, occurredAt.toInstant(), operator, role, action, target, outcome, requestId, details);
        return new AuditRecord(
                seq, occurredAt, operator, role, action, target, outcome, requestId, details, prevHash, hash);
    }
}
