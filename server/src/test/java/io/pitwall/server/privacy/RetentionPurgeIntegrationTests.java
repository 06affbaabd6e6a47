package io.pitwall.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.server.privacy.persistence.PersonalDataRows;
import io.pitwall.server.shared.Leases;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

/**
 * The retention purge under an injected clock: location older than its retention is cut out of every stored
 * copy while speed (90 days) stays, a diagnostic retention deletes reports, observations and rollup days, and a
 * purge killed between batches is finished by the next round.
 */
class RetentionPurgeIntegrationTests {

    abstract static class Contract extends IntegrationTest {

        @Autowired
        PersonalDataRows rows;

        @Autowired
        DataCatalogue catalogue;

        @Autowired
        Leases leases;

        @Autowired
        PlatformTransactionManager transactions;

        RetentionPurge purgeAt(
                Instant now, Map<String, Duration> retention, int batch, PlatformTransactionManager manager) {
            return new RetentionPurge(
                    rows,
                    catalogue,
                    new PrivacySettings(retention, Duration.ZERO, batch, null),
                    leases,
                    manager,
                    new MovableClock(now));
        }

        RetentionPurge purgeAt(Instant now) {
            return purgeAt(now, Map.of(), 2, transactions);
        }

        @Test
        void locationOlderThanItsRetentionIsCutOutOfEveryStoredCopyAndSpeedStays() {
            var car = new PrivacySteps(jdbc, admin);
            car.faultAt(48.137, 11.575, 42.5);
            car.faultAt(48.138, 11.576, 0.0);
            car.checkinAt(48.139, 11.577, 0.0);
            assertThat(car.storedSignalTexts()).hasSize(5).allMatch(t -> t.contains(PrivacySteps.LATITUDE));

            purgeAt(Instant.now().plus(Duration.ofDays(29))).purgeOnce();
            assertThat(car.storedSignalTexts()).allMatch(t -> t.contains(PrivacySteps.LATITUDE));

            Map<DataClass, Long> purged =
                    purgeAt(Instant.now().plus(Duration.ofDays(31))).purgeOnce();
            assertThat(purged.get(DataClass.LOCATION)).isGreaterThanOrEqualTo(5);
            assertThat(purged.get(DataClass.DRIVER_BEHAVIOUR)).isZero();
            assertThat(car.storedSignalTexts())
                    .hasSize(5)
                    .noneMatch(t -> t.contains("CurrentLocation"))
                    .allMatch(t -> t.contains("Vehicle.Speed"));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM fault_observation o JOIN dtc_report r ON r.id = o.report_id"
                                    + " WHERE r.vin = :v")
                            .param("v", car.vin)
                            .query(Long.class)
                            .single())
                    .as("the faults themselves are diagnostic data and stay")
                    .isEqualTo(2);

            assertThat(purgeAt(Instant.now().plus(Duration.ofDays(31)))
                            .purgeOnce()
                            .get(DataClass.LOCATION))
                    .as("a second round finds nothing left")
                    .isZero();
            var faults = admin.get("/api/v1/vehicles/" + car.vin + "/faults");
            assertThat(faults.json().get("ecus").get(0).get("vehicleState").has("Vehicle.Speed"))
                    .isTrue();

            purgeAt(Instant.now().plus(Duration.ofDays(91))).purgeOnce();
            assertThat(car.storedSignalTexts()).noneMatch(t -> t.contains("Vehicle.Speed"));
        }

        @Test
        void aDiagnosticRetentionDeletesOldReportsTheirFaultsAndTheirRollupDays() {
            var car = new PrivacySteps(jdbc, admin);
            car.faultAt(1.0, 2.0, 3.0);
            Map<String, Duration> tenDays = Map.of("diagnostic", Duration.ofDays(10));
            purgeAt(Instant.now().plus(Duration.ofDays(9)), tenDays, 1000, transactions)
                    .purgeOnce();
            assertThat(reportsOf(car.vin)).isEqualTo(1);
            assertThat(patternDaysOf(car.vin)).isEqualTo(1);

            var purged = purgeAt(Instant.now().plus(Duration.ofDays(12)), tenDays, 1, transactions)
                    .purgeOnce();
            assertThat(purged.get(DataClass.DIAGNOSTIC)).isGreaterThanOrEqualTo(3);
            assertThat(reportsOf(car.vin)).isZero();
            assertThat(patternDaysOf(car.vin)).isZero();
            assertThat(
                            count(
                                    "fault_observation o WHERE NOT EXISTS (SELECT 1 FROM dtc_report r WHERE r.id = o.report_id)"))
                    .isZero();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM vehicle_event WHERE vin = :v")
                            .param("v", car.vin)
                            .query(Long.class)
                            .single())
                    .as("raw events are not purged by the diagnostic retention")
                    .isOne();
        }

        @Test
        void aPurgeKilledBetweenBatchesIsFinishedByTheNextRound() {
            var car = new PrivacySteps(jdbc, admin);
            for (int i = 0; i < 4; i++) {
                car.faultAt(50.0 + i, 8.0, 10.0);
            }
            Instant later = Instant.now().plus(Duration.ofDays(31));
            assertThatThrownBy(
                            () -> purgeAt(later, Map.of(), 1, killedAtCommit(2)).purgeOnce())
                    .hasMessageContaining("killed");
            assertThat(car.storedSignalTexts())
                    .as("the killed round left some copies")
                    .anyMatch(t -> t.contains(PrivacySteps.LATITUDE));

            purgeAt(later).purgeOnce();
            assertThat(car.storedSignalTexts())
                    .hasSize(8)
                    .noneMatch(t -> t.contains("CurrentLocation"))
                    .allMatch(t -> t.contains("Vehicle.Speed"));
            assertThat(purgeAt(later).purgeOnce().get(DataClass.LOCATION)).isZero();
        }

        @Test
        void thePurgeHoldsAShortLeaseAndRenewsItBeforeEveryBatch() {
            var car = new PrivacySteps(jdbc, admin);
            for (int i = 0; i < 3; i++) {
                car.faultAt(40.0 + i, 8.0, 10.0);
            }
            List<Long> terms = new ArrayList<>();
            List<OffsetDateTime> expiries = new ArrayList<>();
            List<Duration> leftAtCommit = new ArrayList<>();
            PlatformTransactionManager watching = new Delegating(transactions) {
                @Override
                public void commit(TransactionStatus status) {
                    jdbc.sql("SELECT term, expires_at FROM lease WHERE name = :n")
                            .param("n", RetentionPurge.LEASE)
                            .query(rs -> {
                                terms.add(rs.getLong(1));
                                OffsetDateTime expires = rs.getObject(2, OffsetDateTime.class);
                                expiries.add(expires);
                                leftAtCommit.add(Duration.between(Instant.now(), expires.toInstant()));
                            });
                    super.commit(status);
                }
            };
            Duration lease = Duration.ofMinutes(1);
            new RetentionPurge(
                            rows,
                            catalogue,
                            new PrivacySettings(Map.of(), Duration.ofHours(1), 1, lease),
                            leases,
                            watching,
                            new MovableClock(Instant.now().plus(Duration.ofDays(31))))
                    .purgeOnce();

            assertThat(car.storedSignalTexts()).noneMatch(t -> t.contains("CurrentLocation"));
            assertThat(terms).as("a purge transaction per row").hasSizeGreaterThanOrEqualTo(3);
            assertThat(terms).as("renewed, never lost").containsOnly(terms.get(0));
            assertThat(leftAtCommit)
                    .as("never more than the configured lease ahead")
                    .allMatch(left -> left.compareTo(lease) <= 0 && !left.isNegative());
            assertThat(expiries).as("pushed on batch by batch").isSorted();
            assertThat(expiries.get(expiries.size() - 1)).isAfter(expiries.get(0));
        }

        long reportsOf(String vin) {
            return jdbc.sql("SELECT COUNT(*) FROM dtc_report WHERE vin = :v")
                    .param("v", vin)
                    .query(Long.class)
                    .single();
        }

        long patternDaysOf(String vin) {
            return jdbc.sql("SELECT COUNT(*) FROM fault_pattern_day WHERE vin = :v")
                    .param("v", vin)
                    .query(Long.class)
                    .single();
        }

        /** Hands everything to the real transaction manager; tests override what they watch. */
        static class Delegating implements PlatformTransactionManager {

            private final PlatformTransactionManager real;

            Delegating(PlatformTransactionManager real) {
                this.real = real;
            }

            @Override
            public TransactionStatus getTransaction(TransactionDefinition definition) {
                return real.getTransaction(definition);
            }

            @Override
            public void commit(TransactionStatus status) {
                real.commit(status);
            }

            @Override
            public void rollback(TransactionStatus status) {
                real.rollback(status);
            }
        }

        /** The real transaction manager, except that the n-th commit rolls back and throws, as a kill would. */
        PlatformTransactionManager killedAtCommit(int n) {
            AtomicInteger commits = new AtomicInteger();
            return new PlatformTransactionManager() {
                @Override
                public TransactionStatus getTransaction(TransactionDefinition definition) {
                    return transactions.getTransaction(definition);
                }

                @Override
                public void commit(TransactionStatus status) {
                    if (commits.incrementAndGet() == n) {
                        transactions.rollback(status);
                        throw new IllegalStateException("killed");
                    }
                    transactions.commit(status);
                }

                @Override
                public void rollback(TransactionStatus status) {
                    transactions.rollback(status);
                }
            };
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
