package io.pitwall.server.trust.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.server.shared.Leases;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import io.pitwall.server.trust.persistence.DirectorFiles;
import io.pitwall.server.trust.persistence.DirectorFiles.VehicleFiles;
import io.pitwall.server.trust.spi.DirectorTarget;
import io.pitwall.server.trust.spi.DirectorTargets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Regeneration racing other writers of the same vehicle: a page signed from what it read, then written after
 * a vehicle's first fetch (which creates version 1 on demand) or another regeneration wrote that vehicle.
 * The write must neither fail nor overwrite: it signs such vehicles again from what is stored now.
 */
class DirectorRegenerationIntegrationTests {

    private static final AtomicLong MODELS = new AtomicLong();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    abstract static class Contract extends IntegrationTest {

        @Autowired
        DirectorFiles files;

        @Autowired
        DevelopmentKeys keys;

        @Autowired
        DirectorTargets targets;

        @Autowired
        DirectorSettings settings;

        @Autowired
        Leases leases;

        @Autowired
        DirectorPublisher publisher;

        @Autowired
        PlatformTransactionManager transactionManager;

        @Autowired
        JdbcTemplate template;

        @Autowired
        MeterRegistry meters;

        DirectorPages pages;
        TestFleet fleet;
        String model;

        @BeforeEach
        void pages() {
            pages = new DirectorPages(
                    files,
                    new DirectorRoots(files, keys, settings.rootExpiry()),
                    targets,
                    settings,
                    leases,
                    new TransactionTemplate(transactionManager));
            fleet = new TestFleet(jdbc, admin);
            model = "Race-" + MODELS.incrementAndGet() + "-" + getClass().getSimpleName();
        }

        String vehicleWithoutMetadata() {
            String vin = fleet.vehicle(model, "EU", "1.0.0", "RACE-HW");
            assertThat(versionOf(vin))
                    .as("no director metadata before the first fetch")
                    .isNull();
            return vin;
        }

        Long versionOf(String vin) {
            return jdbc.sql("SELECT meta_version FROM director_vehicle WHERE vin = :vin")
                    .param("vin", vin)
                    .query(Long.class)
                    .optional()
                    .orElse(null);
        }

        String targetsOf(String vin) {
            return jdbc.sql("SELECT targets_body FROM director_vehicle WHERE vin = :vin")
                    .param("vin", vin)
                    .query(String.class)
                    .single();
        }

        static Instant now() {
            return Instant.now().truncatedTo(ChronoUnit.SECONDS);
        }

        @Test
        void aFirstFetchInsertingVersionOneBeforeThePageIsWrittenIsNeitherAnErrorNorOverwritten() {
            String fetched = vehicleWithoutMetadata();
            String other = vehicleWithoutMetadata();
            var page = pages.prepare(List.of(fetched, other), false, now());
            assertThat(page.signed())
                    .extracting(DirectorFiles.VehicleFiles::version)
                    .containsExactly(1L, 1L);

            ApiClient vehicle = fleet.credentialFor(fetched);
            var firstFetch = vehicle.get("/device/v1/vehicles/" + fetched + "/director/targets.json");
            assertThat(firstFetch.status()).isEqualTo(200);
            int written = pages.write(page, null);

            assertThat(written).as("only the vehicle nobody else wrote").isEqualTo(1);
            assertThat(versionOf(fetched)).isEqualTo(1);
            assertThat(targetsOf(fetched))
                    .as("what the vehicle was served stays stored")
                    .isEqualTo(firstFetch.body());
            assertThat(versionOf(other))
                    .as("the rest of the page is written in the same transaction")
                    .isEqualTo(1);
            assertThat(Envelope.fromJson(JSON.readTree(targetsOf(other)))
                            .signed()
                            .get("custom")
                            .get("vin")
                            .asString())
                    .isEqualTo(other);
        }

        @Test
        void aPageSignedForAVersionSomeoneElseWroteMeanwhileIsSignedAgainAsTheNextOne() {
            String vin = vehicleWithoutMetadata();
            pages.write(pages.prepare(List.of(vin), false, now()), null);
            var stale = pages.prepare(List.of(vin), true, now());
            assertThat(stale.signed())
                    .extracting(DirectorFiles.VehicleFiles::version)
                    .containsExactly(2L);
            pages.write(pages.prepare(List.of(vin), true, now()), null);
            String second = targetsOf(vin);

            int written = pages.write(stale, null);

            assertThat(written).isEqualTo(1);
            assertThat(versionOf(vin))
                    .as("versions only grow; the other version 2 is not replaced by ours")
                    .isEqualTo(3);
            assertThat(targetsOf(vin)).isNotEqualTo(second);
            assertThat(Envelope.fromJson(JSON.readTree(targetsOf(vin)))
                            .signed()
                            .get("version")
                            .asLong())
                    .isEqualTo(3);
        }

        /**
         * A round whose vehicles other writers keep changing through every attempt gives up: normal under
         * contention, so it is counted and logged in one line, not thrown, and its change waits for a later round.
         * Both background paths: the periodic sweep and the regeneration started after a change's commit.
         */
        @Test
        void aRoundWhoseVehiclesKeepChangingIsCountedAndItsChangeKeptForALaterRound() {
            String vin = vehicleWithoutMetadata();
            long campaign = 900_000_000L + MODELS.incrementAndGet();
            var contested = new DirectorFiles(jdbc, template, transactionManager) {
                @Override
                public Set<String> write(List<VehicleFiles> written, OffsetDateTime now) {
                    // every vehicle of the page was changed by someone else since it was read
                    return written.stream().map(VehicleFiles::vin).collect(Collectors.toSet());
                }
            };
            var campaignTargets = new DirectorTargets() {
                @Override
                public List<String> vehiclesOf(long campaignId, String afterVin, int limit) {
                    return campaignId == campaign && afterVin.isEmpty() ? List.of(vin) : List.of();
                }

                @Override
                public Map<String, List<DirectorTarget>> of(Collection<String> vins) {
                    return Map.of();
                }
            };
            var publisher = new DirectorPublisher(
                    contested, keys, campaignTargets, settings, leases, transactionManager, Clock.systemUTC(), meters);
            contested.recordCampaignChange(campaign, now().atOffset(ZoneOffset.UTC));
            double before = conflicts();
            try {
                publisher.sweep();
                assertThat(conflicts()).isEqualTo(before + 1);
                assertThat(contested.pendingChanges(10_000))
                        .as("the change waits for a later round")
                        .extracting(DirectorFiles.Change::campaignId)
                        .contains(campaign);

                publisher.assignmentsChanged(campaign);
                await().atMost(Duration.ofSeconds(30)).until(() -> conflicts() == before + 2);
            } finally {
                publisher.close();
            }
            assertThat(versionOf(vin)).isNull();
        }

        double conflicts() {
            var counter = meters.find(DirectorPublisher.CONFLICTS).counter();
            return counter == null ? 0 : counter.count();
        }

        @Test
        void aPendingChangeOfOneVehicleIsRegenerated() {
            String vin = vehicleWithoutMetadata();
            files.recordVehicleChange(vin, java.time.OffsetDateTime.now());

            assertThat(publisher.regeneratePending()).isGreaterThanOrEqualTo(1);

            assertThat(versionOf(vin))
                    .as("a change naming a vehicle, not a campaign")
                    .isEqualTo(1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM director_change WHERE vin = :vin")
                            .param("vin", vin)
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void concurrentFirstFetchesOfOneVehicleAllGetTheSameVersionOne() throws Exception {
            String vin = vehicleWithoutMetadata();
            ApiClient vehicle = fleet.credentialFor(vin);
            Callable<String> fetch = () -> {
                var answer = vehicle.get("/device/v1/vehicles/" + vin + "/director/targets.json");
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                return answer.body();
            };
            var pool = Executors.newFixedThreadPool(6);
            List<String> bodies = new ArrayList<>();
            try {
                for (var future : pool.invokeAll(List.of(fetch, fetch, fetch, fetch, fetch, fetch))) {
                    bodies.add(future.get());
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(bodies).containsOnly(targetsOf(vin));
            assertThat(versionOf(vin)).isEqualTo(1);
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
