package io.pitwall.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.audit.persistence.AuditRecords;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The verifier over chains long enough to span many hash batches, checking hashes on the reading thread
 * (0 workers, as on a small machine) and on other threads.
 */
class AuditChainVerifierTests {

    private static final int LENGTH = 10_000;

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void anIntactChainVerifies(int workers) {
        var report = verify(chain(LENGTH), workers);
        assertThat(report.intact()).isTrue();
        assertThat(report.length()).isEqualTo(LENGTH);
    }

    @Test
    void recordsWaitingToBeChainedAreReported() {
        List<AuditRecord> chain = chain(100);
        var head = new AuditRecords.Head(100, chain.get(99).hash());
        var report = new AuditChainVerifier(new InMemory(chain, head, 3), 0).verify();
        assertThat(report.intact()).isTrue();
        assertThat(report.pending()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void theFirstAlteredRecordIsReportedEvenWhenALaterLinkIsBroken(int workers) {
        List<AuditRecord> chain = chain(LENGTH);
        chain.set(7_000, alter(chain.get(7_000)));
        chain.remove(9_000);
        var report = verify(chain, workers);
        assertThat(report.intact()).isFalse();
        assertThat(report.firstBadSeq()).isEqualTo(7_001);
        assertThat(report.problem()).contains("altered");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void aDeletedRecordIsReportedAsMissing(int workers) {
        List<AuditRecord> chain = chain(LENGTH);
        chain.remove(4_999);
        var report = verify(chain, workers);
        assertThat(report.firstBadSeq()).isEqualTo(5_000);
        assertThat(report.problem()).contains("missing");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void aBrokenLinkIsReportedWhereItBreaks(int workers) {
        List<AuditRecord> chain = chain(LENGTH);
        chain.set(3_000, rechainedOnto(chain.get(3_000), "f".repeat(64)));
        var report = verify(chain, workers);
        assertThat(report.firstBadSeq()).isEqualTo(3_001);
        assertThat(report.problem()).contains("does not follow");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void aTruncatedTailIsReportedAgainstTheHead(int workers) {
        List<AuditRecord> chain = chain(LENGTH);
        var head = new AuditRecords.Head(LENGTH, chain.get(LENGTH - 1).hash());
        var report = new AuditChainVerifier(new InMemory(chain.subList(0, LENGTH - 10), head, 0), workers).verify();
        assertThat(report.firstBadSeq()).isEqualTo(LENGTH - 9);
        assertThat(report.problem()).contains("deleted");
    }

    private static ChainReport verify(List<AuditRecord> chain, int workers) {
        AuditRecord last = chain.get(chain.size() - 1);
        return new AuditChainVerifier(new InMemory(chain, new AuditRecords.Head(last.seq(), last.hash()), 0), workers)
                .verify();
    }

    static List<AuditRecord> chain(int length) {
        List<AuditRecord> chain = new ArrayList<>(length);
        String prev = ChainHash.GENESIS;
        for (int seq = 1; seq <= length; seq++) {
            AuditRecord record = rechainedOnto(
                    new AuditRecord(
                            seq,
                            OffsetDateTime.of(2024, 6, 1, 0, 0, seq % 60, seq * 1_000, ZoneOffset.UTC),
                            "op" + seq % 7,
                            "admin",
                            "vehicle.update",
                            "vehicle:" + seq,
                            "SUCCEEDED",
                            "r" + seq,
                            "{\"n\":" + seq + "}",
                            null,
                            null),
                    prev);
            chain.add(record);
            prev = record.hash();
        }
        return chain;
    }

    private static AuditRecord rechainedOnto(AuditRecord r, String prevHash) {
        var unhashed = new AuditRecord(
                r.seq(),
                r.occurredAt(),
                r.operator(),
                r.role(),
                r.action(),
                r.target(),
                r.outcome(),
                r.requestId(),
                r.details(),
                prevHash,
                "");
        return new AuditRecord(
                r.seq(),
                r.occurredAt(),
                r.operator(),
                r.role(),
                r.action(),
                r.target(),
                r.outcome(),
                r.requestId(),
                r.details(),
                prevHash,
                ChainHash.of(unhashed));
    }

    private static AuditRecord alter(AuditRecord r) {
        return new AuditRecord(
                r.seq(),
                r.occurredAt(),
                r.operator(),
                r.role(),
                r.action(),
                "vehicle:someone-else",
                r.outcome(),
                r.requestId(),
                r.details(),
                r.prevHash(),
                r.hash());
    }

    /** The trail as a list; the verifier only streams it and reads the head. */
    private static final class InMemory extends AuditRecords {
        private final List<AuditRecord> records;
        private final Head head;
        private final long pending;

        InMemory(List<AuditRecord> records, Head head, long pending) {
            super(new DriverManagerDataSource());
            this.records = records;
            this.head = head;
            this.pending = pending;
        }

        @Override
        public void streamAll(Consumer<AuditRecord> consumer) {
            records.forEach(consumer);
        }

        @Override
        public Head head() {
            return head;
        }

        @Override
        public long pendingCount() {
            return pending;
        }
    }
}
