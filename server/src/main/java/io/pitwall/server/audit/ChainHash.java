package io.pitwall.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The hash of an audit record: SHA-256 over the predecessor's hash and every field of the record,
 * each field length-prefixed ({@code <UTF-8 byte length>:<UTF-8 bytes>}) so that no two different records
 * share an input. The time is hashed as {@link Instant#toString()} spells it.
 *
 * <p>The static methods are for single records. A {@link Hasher} is for walking a chain: it reuses its
 * digest and buffers, so checking a million records allocates next to nothing (one instance per thread).
 */
public final class ChainHash {

    public static final String GENESIS = "0".repeat(64);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ChainHash() {}

    public static String of(
            String prevHash,
            long seq,
            Instant occurredAt,
            String operator,
            String role,
            String action,
            String target,
            String outcome,
            String requestId,
            String details) {
        return new Hasher()
                .hash(prevHash, seq, occurredAt, operator, role, action, target, outcome, requestId, details);
    }

    public static String of(AuditRecord r) {
        return new Hasher().hash(r);
    }

    /** Reusable, not thread-safe. */
    public static final class Hasher {

        private final MessageDigest digest = sha256();
        private final byte[] hash = new byte[32];
        private byte[] buffer = new byte[1024];
        private int length;

        public String hash(AuditRecord r) {
            return hash(
                    r.prevHash(),
                    r.seq(),
                    r.occurredAt().toInstant(),
                    r.operator(),
                    r.role(),
                    r.action(),
                    r.target(),
                    r.outcome(),
                    r.requestId(),
                    r.details());
        }

        public String hash(
                String prevHash,
                long seq,
                Instant occurredAt,
                String operator,
                String role,
                String action,
                String target,
                String outcome,
                String requestId,
                String details) {
            compute(prevHash, seq, occurredAt, operator, role, action, target, outcome, requestId, details);
            char[] hex = new char[64];
            for (int i = 0; i < 32; i++) {
                hex[2 * i] = HEX[(hash[i] >> 4) & 0xF];
                hex[2 * i + 1] = HEX[hash[i] & 0xF];
            }
            return new String(hex);
        }

        /** Whether the record's stored hash is the hash of its content (compared without building a string). */
        public boolean matches(AuditRecord r) {
            String stored = r.hash();
            if (stored == null || stored.length() != 64) {
                return false;
            }
            compute(
                    r.prevHash(),
                    r.seq(),
                    r.occurredAt().toInstant(),
                    r.operator(),
                    r.role(),
                    r.action(),
                    r.target(),
                    r.outcome(),
                    r.requestId(),
                    r.details());
            for (int i = 0; i < 32; i++) {
                if (stored.charAt(2 * i) != HEX[(hash[i] >> 4) & 0xF]
                        || stored.charAt(2 * i + 1) != HEX[hash[i] & 0xF]) {
                    return false;
                }
            }
            return true;
        }

        private void compute(
                String prevHash,
                long seq,
                Instant occurredAt,
                String operator,
                String role,
                String action,
                String target,
                String outcome,
                String requestId,
                String details) {
            length = 0;
            field(prevHash);
            field(Long.toString(seq));
            instantField(occurredAt);
            field(operator);
            field(role);
            field(action);
            field(target);
            field(outcome);
            field(requestId);
            field(details);
            digest.update(buffer, 0, length);
            try {
                digest.digest(hash, 0, 32);
            } catch (java.security.DigestException e) {
                throw new IllegalStateException(e);
            }
        }

        private void field(String value) {
            int chars = value.length();
            if (isAscii(value, chars)) {
                prefix(chars);
                ensure(chars);
                for (int i = 0; i < chars; i++) {
                    buffer[length++] = (byte) value.charAt(i);
                }
            } else {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                prefix(bytes.length);
                ensure(bytes.length);
                System.arraycopy(bytes, 0, buffer, length, bytes.length);
                length += bytes.length;
            }
        }

        private static boolean isAscii(String value, int chars) {
            for (int i = 0; i < chars; i++) {
                if (value.charAt(i) >= 0x80) {
                    return false;
                }
            }
            return true;
        }

        private void prefix(int byteLength) {
            ensure(12);
            if (byteLength == 0) {
                buffer[length++] = '0';
            } else {
                int start = length;
                for (int n = byteLength; n > 0; n /= 10) {
                    buffer[length++] = (byte) ('0' + n % 10);
                }
                for (int i = start, j = length - 1; i < j; i++, j--) {
                    byte t = buffer[i];
                    buffer[i] = buffer[j];
                    buffer[j] = t;
                }
            }
            buffer[length++] = ':';
        }

        /** {@link Instant#toString()} without a formatter, for the years 1000 to 9999; others take the slow path. */
        private void instantField(Instant instant) {
            long seconds = instant.getEpochSecond();
            LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
            if (date.getYear() < 1000 || date.getYear() > 9999) {
                field(instant.toString());
                return;
            }
            int secondOfDay = (int) Math.floorMod(seconds, 86_400);
            int nanos = instant.getNano();
            int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
            prefix(20 + (fraction == 0 ? 0 : fraction + 1));
            ensure(30);
            digits(date.getYear(), 4);
            buffer[length++] = '-';
            digits(date.getMonthValue(), 2);
            buffer[length++] = '-';
            digits(date.getDayOfMonth(), 2);
            buffer[length++] = 'T';
            digits(secondOfDay / 3600, 2);
            buffer[length++] = ':';
            digits(secondOfDay / 60 % 60, 2);
            buffer[length++] = ':';
            digits(secondOfDay % 60, 2);
            if (fraction > 0) {
                buffer[length++] = '.';
                digits(fraction == 3 ? nanos / 1_000_000 : fraction == 6 ? nanos / 1_000 : nanos, fraction);
            }
            buffer[length++] = 'Z';
        }

        private void digits(int value, int width) {
            for (int i = width - 1; i >= 0; i--) {
                buffer[length + i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            length += width;
        }

        private void ensure(int more) {
            if (length + more > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
