package io.pitwall.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash of an audit record: SHA-256 over the predecessor's hash and every field of the record,
 * each field length-prefixed so that no two different records share an input.
 */
public final class ChainHash {

    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    public static String of(String prevHash, long seq, Instant occurredAt, String operator, String role,
            String action, String target, String outcome, String requestId, String details) {
        MessageDigest digest = sha256();
        field(digest, prevHash);
        field(digest, Long.toString(seq));
        field(digest, occurredAt.toString());
        field(digest, operator);
        field(digest, role);
        field(digest, action);
        field(digest, target);
        field(digest, outcome);
        field(digest, requestId);
        field(digest, details);
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String of(AuditRecord r) {
        return of(r.prevHash(), r.seq(), r.occurredAt().toInstant(), r.operator(), r.role(), r.action(), r.target(),
                r.outcome(), r.requestId(), r.details());
    }

    private static void field(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
