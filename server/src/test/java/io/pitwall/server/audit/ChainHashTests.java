package io.pitwall.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChainHashTests {

    @Test
    void hashesOfExistingChainsNeverChange() {
        assertThat(ChainHash.of(
                        ChainHash.GENESIS,
                        1,
                        Instant.parse("2024-06-01T12:34:56Z"),
                        "admin",
                        "admin",
                        "operator.create",
                        "operator:alice",
                        "SUCCEEDED",
                        "req-1",
                        "{\"role\":\"viewer\"}"))
                .isEqualTo("fb86d07f3235e9ba9526aedcc77fed69242dc1f1e1c7169b6d5803e7d77ed48c");
        assertThat(ChainHash.of(
                        "a".repeat(64),
                        42,
                        Instant.parse("2024-06-01T12:34:56.123456Z"),
                        "jürgen",
                        "fleet-operator",
                        "vehicle.update",
                        "vehicle:WP0ZZZ99ZTS392124",
                        "REFUSED",
                        "internal",
                        "{\"note\":\"Größe ✓ 車\"}"))
                .isEqualTo("e94213806ee793f1cce7a1e80093fcbd08314541e4f0a9ce5dcc85417cb1bc2b");
        assertThat(ChainHash.of(
                        "b".repeat(64),
                        1234567890123L,
                        Instant.parse("1999-12-31T23:59:59.100Z"),
                        "",
                        "none",
                        "x",
                        "",
                        "SUCCEEDED",
                        "internal",
                        "{}"))
                .isEqualTo("85135dc021fa2c595e8bc51389af7c504b153265fe8ff01783d67243d1c20271");
    }

    @Test
    void aReusedHasherAgreesWithTheDefinitionForAnyInput() {
        var random = new SplittableRandom(7);
        var hasher = new ChainHash.Hasher();
        for (int i = 0; i < 5_000; i++) {
            Instant at = instant(random);
            String operator = text(random, 5);
            String target = text(random, 20);
            String details = text(random, random.nextInt(i % 100 == 0 ? 3000 : 60));
            assertThat(hasher.hash("p" + i, i, at, operator, "role", "a.b", target, "SUCCEEDED", "r", details))
                    .as(at.toString())
                    .isEqualTo(definition("p" + i, i, at, operator, "role", "a.b", target, "SUCCEEDED", "r", details));
        }
    }

    @Test
    void matchesOnlyTheStoredHashOfTheSameContent() {
        var at = OffsetDateTime.of(2024, 6, 1, 0, 0, 0, 5_000, ZoneOffset.UTC);
        String hash =
                ChainHash.of(ChainHash.GENESIS, 1, at.toInstant(), "op", "admin", "x.y", "t", "SUCCEEDED", "r", "{}");
        var hasher = new ChainHash.Hasher();
        var record = new AuditRecord(1, at, "op", "admin", "x.y", "t", "SUCCEEDED", "r", "{}", ChainHash.GENESIS, hash);
        assertThat(hasher.matches(record)).isTrue();
        assertThat(hasher.matches(new AuditRecord(
                        1, at, "op", "admin", "x.y", "T", "SUCCEEDED", "r", "{}", ChainHash.GENESIS, hash)))
                .isFalse();
        assertThat(hasher.matches(new AuditRecord(
                        1,
                        at,
                        "op",
                        "admin",
                        "x.y",
                        "t",
                        "SUCCEEDED",
                        "r",
                        "{}",
                        ChainHash.GENESIS,
                        hash.toUpperCase())))
                .isFalse();
        assertThat(hasher.matches(new AuditRecord(
                        1,
                        at,
                        "op",
                        "admin",
                        "x.y",
                        "t",
                        "SUCCEEDED",
                        "r",
                        "{}",
                        ChainHash.GENESIS,
                        hash.substring(1))))
                .isFalse();
    }

    private static String text(SplittableRandom random, int length) {
        var out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            out.append(
                    kind < 7
                            ? (char) (' ' + random.nextInt(95))
                            : kind < 9 ? (char) (0xA0 + random.nextInt(0x700)) : "😀");
        }
        return out.toString();
    }

    private static Instant instant(SplittableRandom random) {
        long seconds = switch (random.nextInt(4)) {
            case 0 -> random.nextLong(-62_000_000_000L, 260_000_000_000L);
            default -> random.nextLong(0, 4_000_000_000L);
        };
        int nanos = switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** The hash as the class Javadoc defines it, written the plain way. */
    private static String definition(
            String prevHash,
            long seq,
            Instant at,
            String operator,
            String role,
            String action,
            String target,
            String outcome,
            String requestId,
            String details) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String field : new String[] {
                prevHash, Long.toString(seq), at.toString(), operator, role, action, target, outcome, requestId, details
            }) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
