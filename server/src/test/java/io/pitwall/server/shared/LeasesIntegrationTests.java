package io.pitwall.server.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.shared.persistence.LeaseRows;
import io.pitwall.server.support.HeldTransaction;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.testsupport.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class LeasesIntegrationTests {

    private static final Duration TTL = Duration.ofSeconds(30);

    abstract static class Contract extends IntegrationTest {

        @Autowired
        LeaseRows rows;

        @Autowired
        PlatformTransactionManager transactionManager;

        @Autowired
        DataSource dataSource;

        final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T12:00:00Z"));
        Leases leases;
        String name;

        @BeforeEach
        void leases() {
            leases = new Leases(rows, transactionManager, clock);
            name = "test-" + System.nanoTime();
        }

        @Test
        void oneNodeHoldsALeaseAndRenewsItWithinItsTerm() {
            var first = leases.acquire(name, "node-a", TTL).orElseThrow();
            assertThat(first.term()).isEqualTo(1);
            assertThat(leases.acquire(name, "node-b", TTL)).isEmpty();
            clock.advance(Duration.ofSeconds(20));
            var renewed = leases.acquire(name, "node-a", TTL).orElseThrow();
            assertThat(renewed.term()).isEqualTo(1);
            assertThat(renewed.expiresAt().toInstant())
                    .isAfter(first.expiresAt().toInstant());
            clock.advance(Duration.ofSeconds(20));
            assertThat(leases.acquire(name, "node-b", TTL))
                    .as("renewed, so not lapsed yet")
                    .isEmpty();
            assertThat(inTransaction(() -> leases.stillHeld(renewed))).isTrue();
        }

        @Test
        void aLapsedLeaseIsTakenOverWithAHigherTermAndFencesTheOldHolder() {
            var old = leases.acquire(name, "node-a", TTL).orElseThrow();
            clock.advance(TTL.plusSeconds(1));
            assertThat(inTransaction(() -> leases.stillHeld(old))).as("lapsed").isFalse();
            var taken = leases.acquire(name, "node-b", TTL).orElseThrow();
            assertThat(taken.term()).isEqualTo(2);
            assertThat(taken.holder()).isEqualTo("node-b");
            assertThat(leases.acquire(name, "node-a", TTL)).isEmpty();
            assertThat(inTransaction(() -> leases.stillHeld(old))).isFalse();
            assertThat(inTransaction(() -> leases.stillHeld(taken))).isTrue();
        }

        @Test
        void aReleasedLeaseIsFreeAtOnce() {
            var held = leases.acquire(name, "node-a", TTL).orElseThrow();
            leases.release(held);
            assertThat(leases.acquire(name, "node-b", TTL))
                    .hasValueSatisfying(g -> assertThat(g.term()).isEqualTo(2));
        }

        @Test
        void aNodeThatStopsCleanlyReleasesItsLeasesSoAnotherTakesOverAtOnce() {
            var stopping = new Leases(rows, transactionManager, clock);
            stopping.start();
            var held = stopping.acquire(name, TTL).orElseThrow();
            var other = new Leases(rows, transactionManager, clock);
            assertThat(other.acquire(name, TTL)).as("held, not lapsed").isEmpty();

            stopping.stop();

            assertThat(stopping.isRunning()).isFalse();
            var taken = other.acquire(name, TTL);
            assertThat(taken).as("no waiting for the time to live").hasValueSatisfying(g -> {
                assertThat(g.holder()).isEqualTo(other.node());
                assertThat(g.term()).isEqualTo(held.term() + 1);
            });
            assertThat(stopping.acquire(name, TTL))
                    .as("a stopped node acquires nothing")
                    .isEmpty();
            assertThat(inTransaction(() -> stopping.stillHeld(held))).isFalse();
        }

        @Test
        void aStoppedNodeReleasesOnlyWhatItStillHolds() {
            var stopping = new Leases(rows, transactionManager, clock);
            assertThat(stopping.acquire(name, TTL))
                    .as("the first node takes the lease")
                    .isPresent();
            clock.advance(TTL.plusSeconds(1));
            var other = new Leases(rows, transactionManager, clock);
            var taken = other.acquire(name, TTL).orElseThrow();

            stopping.stop();

            assertThat(inTransaction(() -> leases.stillHeld(taken)))
                    .as("the other node's lease is untouched")
                    .isTrue();
        }

        @Test
        void aRestartedNodeWithTheSameIdentityTakesItsUnexpiredLeaseBackAtOnceAndFencesItsEarlierRun()
                throws Exception {
            Path dataDir = Files.createTempDirectory("pitwall-node");
            NodeIdentity firstRun = NodeIdentity.of(new NodeSettings(null, dataDir));
            var before = new Leases(rows, transactionManager, clock, firstRun);
            var held = before.acquire(name, TTL).orElseThrow();
            firstRun.close(); // the process dies: its file lock goes, its lease stays

            NodeIdentity secondRun = NodeIdentity.of(new NodeSettings(null, dataDir));
            try {
                assertThat(secondRun.name()).isEqualTo(firstRun.name());
                var after = new Leases(rows, transactionManager, clock, secondRun);
                clock.advance(Duration.ofSeconds(1));
                assertThat(new Leases(rows, transactionManager, clock).acquire(name, TTL))
                        .as("another node still waits")
                        .isEmpty();
                var regained = after.acquire(name, TTL).orElseThrow();
                assertThat(regained.holder()).isEqualTo(held.holder());
                assertThat(regained.term()).as("a new run of the same node").isEqualTo(held.term() + 1);
                assertThat(inTransaction(() -> before.stillHeld(held)))
                        .as("the earlier run is fenced")
                        .isFalse();
                assertThat(after.acquire(name, TTL))
                        .as("renewals keep the term")
                        .hasValueSatisfying(g -> assertThat(g.term()).isEqualTo(regained.term()));
            } finally {
                secondRun.close();
            }
        }

        @Test
        void aTakeoverWaitsForTheHoldersWriteToCommit() throws Exception {
            var old = leases.acquire(name, "node-a", TTL).orElseThrow();
            List<Boolean> sawItHeld = new ArrayList<>();
            try (var write = HeldTransaction.open(transactionManager, () -> sawItHeld.add(leases.stillHeld(old)))) {
                clock.advance(TTL.plusSeconds(1));
                var takeover = HeldTransaction.async(() -> leases.acquire(name, "node-b", TTL));
                HeldTransaction.awaitSomeoneBlocked(dataSource, jdbc);
                assertThat(takeover).isNotDone();
                write.commit();
                assertThat(takeover.get(10, TimeUnit.SECONDS))
                        .hasValueSatisfying(g -> assertThat(g.term()).isEqualTo(2));
            }
            assertThat(sawItHeld).containsExactly(true);
        }

        @Test
        void nodesRacingForAFreeLeaseGetOneHolder() throws Exception {
            for (int round = 0; round < 10; round++) {
                String lease = name + "-" + round;
                var a = CompletableFuture.supplyAsync(() -> leases.acquire(lease, "node-a", TTL));
                var b = CompletableFuture.supplyAsync(() -> leases.acquire(lease, "node-b", TTL));
                long winners = List.of(a.get(10, TimeUnit.SECONDS), b.get(10, TimeUnit.SECONDS)).stream()
                        .filter(java.util.Optional::isPresent)
                        .count();
                assertThat(winners).as("round " + round).isEqualTo(1);
            }
        }

        private boolean inTransaction(java.util.function.Supplier<Boolean> work) {
            return new TransactionTemplate(transactionManager).execute(status -> work.get());
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
