package io.pitwall.bench.jmh;

import io.pitwall.server.audit.AuditRecord;
import io.pitwall.server.audit.ChainHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Checking one audit record's hash, as the verifier does a million times: with a reused
 * {@link ChainHash.Hasher} (what the verifier uses), with the one-off static method, and with the
 * straightforward definition the hasher replaced (digest lookup, string building and hex formatting
 * per record).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChainHashBenchmark {

    private final AuditRecord record;
    private final ChainHash.Hasher hasher = new ChainHash.Hasher();

    public ChainHashBenchmark() {
        var at = OffsetDateTime.of(2024, 6, 1, 12, 30, 15, 123_456_000, ZoneOffset.UTC);
        String details = "{\"campaign\":\"cmp-2024-17\",\"reason\":\"wave 2 passed its gate\",\"vehicles\":1250}";
        String hash = ChainHash.of(
                "a".repeat(64),
                123_456,
                at.toInstant(),
                "release-manager-7",
                "release-manager",
                "campaign.expand",
                "campaign:cmp-2024-17",
                "SUCCEEDED",
                "6f1c2a4e-1b7d-4c47-9a53-0c3f1a2b9d10",
                details);
        record = new AuditRecord(
                123_456,
                at,
                "release-manager-7",
                "release-manager",
                "campaign.expand",
                "campaign:cmp-2024-17",
                "SUCCEEDED",
                "6f1c2a4e-1b7d-4c47-9a53-0c3f1a2b9d10",
                details,
                "a".repeat(64),
                hash);
    }

    @Benchmark
    public boolean reusedHasher() {
        return hasher.matches(record);
    }

    @Benchmark
    public boolean staticOneOff() {
        return ChainHash.of(record).equals(record.hash());
    }

    @Benchmark
    public boolean definitionAsFirstWritten() {
        return firstVersion(record).equals(record.hash());
    }

    /** ChainHash as it was before the reusable hasher: the reference for the before/after comparison. */
    static String firstVersion(AuditRecord r) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String field : new String[] {
                r.prevHash(),
                Long.toString(r.seq()),
                r.occurredAt().toInstant().toString(),
                r.operator(),
                r.role(),
                r.action(),
                r.target(),
                r.outcome(),
                r.requestId(),
                r.details()
            }) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
