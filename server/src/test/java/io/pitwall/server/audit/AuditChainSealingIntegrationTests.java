package io.pitwall.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.server.audit.internal.ChainSealer;
import io.pitwall.server.shared.Audited;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Records are written in their change's transaction and chained right after its commit, in batches. */
class AuditChainSealingIntegrationTests {

    abstract static class Contract extends IntegrationTest {

        @Autowired
        ApplicationEventPublisher events;

        @Autowired
        PlatformTransactionManager transactionManager;

        @Autowired
        AuditChainVerifier verifier;

        @Autowired
        ChainSealer sealer;

        @Test
        void concurrentTransactionsAreChainedWithoutGapsBeforeTheyReturn() throws Exception {
            long before = count("audit_record");
            long first = nextSeq();
            var pool = Executors.newFixedThreadPool(8);
            List<Callable<Void>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                work.add(() -> {
                    for (int i = 0; i < 25; i++) {
                        String target = "concurrent:" + thread + "." + i;
                        audited(target);
                        assertThat(recordsWithTarget(target))
                                .as("chained before returning")
                                .isEqualTo(1);
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(work)) {
                done.get();
            }
            pool.shutdown();
            assertThat(count("audit_record")).isEqualTo(before + 200);
            assertThat(count("audit_intake")).isZero();
            var activity = sealer.activity();
            assertThat(activity.records()).isGreaterThanOrEqualTo(200);
            assertThat(activity.rounds()).isPositive();
            assertThat(verifier.verify().pending()).isZero();
            assertChainIntactFrom(first);
        }

        @Test
        void aRolledBackChangeLeavesNoRecord() {
            long records = count("audit_record");
            new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                events.publishEvent(Audited.succeeded("test.change", "rolled-back:1", Map.of()));
                status.setRollbackOnly();
            });
            assertThat(count("audit_record")).isEqualTo(records);
            assertThat(count("audit_intake")).isZero();
        }

        @Test
        void aTransactionsRecordsAreChainedInPublishingOrderEvenBeyondOneSealingBatch() {
            long first = nextSeq();
            new TransactionTemplate(transactionManager)
                    .executeWithoutResult(status -> IntStream.range(0, 2_500)
                            .forEach(i ->
                                    events.publishEvent(Audited.succeeded("test.bulk", "bulk:" + i, Map.of("i", i)))));
            List<String> targets = jdbc.sql("SELECT target FROM audit_record WHERE seq >= :first ORDER BY seq")
                    .param("first", first)
                    .query(String.class)
                    .list();
            assertThat(targets)
                    .containsExactlyElementsOf(
                            IntStream.range(0, 2_500).mapToObj(i -> "bulk:" + i).toList());
            assertChainIntactFrom(first);
        }

        @Test
        void anInnerTransactionKeepsItsRecordWhenTheOuterOneRollsBack() {
            var outer = new TransactionTemplate(transactionManager);
            var inner = new TransactionTemplate(transactionManager);
            inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            outer.executeWithoutResult(status -> {
                events.publishEvent(Audited.succeeded("test.change", "outer:1", Map.of()));
                inner.executeWithoutResult(
                        s -> events.publishEvent(Audited.succeeded("test.change", "inner:1", Map.of())));
                assertThat(recordsWithTarget("inner:1")).isEqualTo(1);
                status.setRollbackOnly();
            });
            assertThat(recordsWithTarget("outer:1")).isZero();
            assertThat(recordsWithTarget("inner:1")).isEqualTo(1);
        }

        @Test
        void anEventOutsideAnyTransactionIsChainedInOneOfItsOwn() {
            events.publishEvent(Audited.refused("test.refusal", "outside:1", Map.of()));
            assertThat(recordsWithTarget("outside:1")).isEqualTo(1);
            assertThat(count("audit_intake")).isZero();
        }

        @Test
        void recordsLeftUnchainedByACrashAreChainedByTheSweep() {
            long first = nextSeq();
            waitingRecord("crash:1");
            sealer.sweep();
            assertThat(recordsWithTarget("crash:1")).isEqualTo(1);
            assertThat(verifier.verify().pending()).isZero();
            assertChainIntactFrom(first);
        }

        /** A committed entry nobody chained, as a node that died right after its commit leaves it. */
        void waitingRecord(String target) {
            jdbc.sql(
                            "INSERT INTO audit_intake (occurred_at, operator, role, action, target, outcome, request_id, details) "
                                    + "VALUES (CURRENT_TIMESTAMP, 'admin', 'admin', 'test.crash', :target, 'SUCCEEDED', 'r', '{}')")
                    .param("target", target)
                    .update();
        }

        private void audited(String target) {
            new TransactionTemplate(transactionManager)
                    .executeWithoutResult(
                            status -> events.publishEvent(Audited.succeeded("test.change", target, Map.of("k", "v"))));
        }

        long nextSeq() {
            return jdbc.sql("SELECT seq FROM audit_head").query(Long.class).single() + 1;
        }

        /**
         * This test's part of the chain links up and matches its hashes. (Other tests of the shared
         * context tamper with earlier records, so the whole chain's verdict is not this test's business.)
         */
        void assertChainIntactFrom(long first) {
            List<AuditRecord> records = jdbc.sql(
                            "SELECT seq, occurred_at, operator, role, action, target, outcome, "
                                    + "request_id, details, prev_hash, hash FROM audit_record WHERE seq >= :first - 1 ORDER BY seq")
                    .param("first", first)
                    .query((rs, i) -> new AuditRecord(
                            rs.getLong(1),
                            rs.getObject(2, java.time.OffsetDateTime.class),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getString(10),
                            rs.getString(11)))
                    .list();
            for (int i = 1; i < records.size(); i++) {
                AuditRecord record = records.get(i);
                assertThat(record.seq()).isEqualTo(records.get(i - 1).seq() + 1);
                assertThat(record.prevHash()).isEqualTo(records.get(i - 1).hash());
                assertThat(ChainHash.of(record)).isEqualTo(record.hash());
            }
            assertThat(records.get(records.size() - 1).seq()).isEqualTo(nextSeq() - 1);
        }

        long recordsWithTarget(String target) {
            return jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE target = :t")
                    .param("t", target)
                    .query(Long.class)
                    .single();
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {

        @Test
        void theDatabaseRefusesToChangeAWaitingRecord() {
            // In one transaction, so no sealer can chain the record before the UPDATE tries to change it.
            assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                        waitingRecord("waiting:1");
                        jdbc.sql("UPDATE audit_intake SET target = 'x' WHERE target = 'waiting:1'")
                                .update();
                    }))
                    .isInstanceOf(DataAccessException.class)
                    .rootCause()
                    .hasMessageContaining("append-only");
            assertThat(count("audit_intake")).isZero();
        }
    }
}
