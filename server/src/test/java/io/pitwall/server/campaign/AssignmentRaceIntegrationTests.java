package io.pitwall.server.campaign;

import static io.pitwall.server.support.HeldTransaction.async;
import static io.pitwall.server.support.HeldTransaction.awaitSomeoneBlocked;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.campaign.governance.CampaignCommands;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.CampaignSteps;
import io.pitwall.server.support.HeldTransaction;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Operators and vehicles racing on one assignment, made deterministic: the operator's command holds its
 * transaction open until the vehicle's request waits for a lock, then commits. Whatever the order, the
 * assignment and its ECU parts agree and never move backwards.
 */
class AssignmentRaceIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();

    abstract static class Contract extends IntegrationTest {

        @Autowired
        PlatformTransactionManager transactions;

        @Autowired
        DataSource dataSource;

        @Autowired
        CampaignCommands commands;

        TestFleet fleet;
        String hardwareId;
        String vin;
        ApiClient vehicle;

        @BeforeEach
        void fleet() {
            fleet = new TestFleet(jdbc, admin);
            hardwareId =
                    "RACE-HW-" + HARDWARE.incrementAndGet() + "-" + getClass().getSimpleName();
            vin = fleet.vehicle("Race-" + hardwareId, "EU", "1.0.0", hardwareId);
            vehicle = fleet.credentialFor(vin);
        }

        long campaign() {
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            var manager = operatorWith(Role.RELEASE_MANAGER);
            long id = CampaignSteps.createdWithFilter(
                    manager, "Race " + hardwareId, release.releaseId(), Map.of("model", "Race-" + hardwareId), null);
            campaignSteps().approvedCampaign(manager, id, release.knownGoodReleaseId());
            return id;
        }

        long started() {
            long id = campaign();
            CampaignSteps.start(admin, id);
            return id;
        }

        ApiClient.Response checkin() {
            return vehicle.post(
                    "/device/v1/vehicles/" + vin + "/checkin",
                    Map.of("connectivity", "WIFI", "ownerConsent", true, "ecus", List.of()));
        }

        ApiClient.Response report(String assignmentId, long seq, String type) {
            return vehicle.post(
                    "/device/v1/vehicles/" + vin + "/events",
                    Map.of(
                            "events",
                            List.of(Map.of(
                                    "seq",
                                    seq,
                                    "type",
                                    type,
                                    "occurredAt",
                                    Instant.now().toString(),
                                    "assignmentId",
                                    assignmentId))));
        }

        String assignmentStatus() {
            return jdbc.sql("SELECT status FROM assignment WHERE vin = :v")
                    .param("v", vin)
                    .query(String.class)
                    .single();
        }

        String ecuStatus() {
            return jdbc.sql("SELECT ae.status FROM assignment_ecu ae JOIN assignment a ON a.id = ae.assignment_id "
                            + "WHERE a.vin = :v")
                    .param("v", vin)
                    .query(String.class)
                    .single();
        }

        @Test
        void anInstallReportRacingACancelNeitherRevivesNorSplitsTheAssignment() {
            long id = started();
            String assignmentId =
                    checkin().json().get("assignment").get("assignmentId").asString();
            assertThat(report(assignmentId, 1, "DOWNLOAD_COMPLETED").status()).isEqualTo(200);

            try (var cancel = HeldTransaction.open(transactions, () -> commands.cancel(id, "admin"))) {
                var reported = async(() -> report(assignmentId, 2, "INSTALL_STARTED"));
                awaitSomeoneBlocked(dataSource, jdbc);
                cancel.commit();
                assertThat(reported.join().status()).isEqualTo(200);
            }
            assertThat(List.of(assignmentStatus(), ecuStatus())).containsExactly("CANCELLED", "CANCELLED");

            assertThat(report(assignmentId, 3, "INSTALL_COMPLETED").status()).isEqualTo(200);
            assertThat(List.of(assignmentStatus(), ecuStatus()))
                    .as("a late report never moves it back")
                    .containsExactly("CANCELLED", "CANCELLED");
            assertThat(jdbc.sql("SELECT software_version FROM ecu WHERE vin = :v")
                            .param("v", vin)
                            .query(String.class)
                            .single())
                    .isEqualTo("1.0.0");
        }

        @Test
        void aCheckinRacingACancelIsNotHandedTheCancelledAssignment() {
            long id = started();
            try (var cancel = HeldTransaction.open(transactions, () -> commands.cancel(id, "admin"))) {
                var checkin = async(this::checkin);
                awaitSomeoneBlocked(dataSource, jdbc);
                cancel.commit();
                assertThat(checkin.join().json().has("assignment")).isFalse();
            }
            assertThat(List.of(assignmentStatus(), ecuStatus())).containsExactly("CANCELLED", "CANCELLED");
        }

        @Test
        void aSecondStartRacingTheFirstIsRefusedWithoutDuplicatingAssignments() {
            long id = campaign();
            try (var first = HeldTransaction.open(transactions, () -> commands.start(id, "admin"))) {
                var second = async(() -> admin.post("/api/v1/campaigns/" + id + "/start", ""));
                awaitSomeoneBlocked(dataSource, jdbc);
                first.commit();
                assertThat(second.join().status()).as(second.join().body()).isEqualTo(409);
                assertThat(second.join().code()).isEqualTo("campaign-not-startable");
            }
            assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment WHERE campaign_id = :c")
                            .param("c", id)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }

        @Test
        void twoCampaignsStartingAtOnceNeverAssignTheSameVehicle() {
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            var manager = operatorWith(Role.RELEASE_MANAGER);
            long[] ids = new long[2];
            for (int i = 0; i < 2; i++) {
                var created = manager.post(
                        "/api/v1/campaigns",
                        Map.of(
                                "name",
                                "Rival " + i + " " + hardwareId,
                                "releaseId",
                                release.releaseId(),
                                "filter",
                                Map.of("model", "Race-" + hardwareId)));
                ids[i] = created.json().get("id").asLong();
                campaignSteps().approvedCampaign(manager, ids[i], release.knownGoodReleaseId());
            }
            try (var first = HeldTransaction.open(transactions, () -> commands.start(ids[0], "admin"))) {
                var second = async(() -> admin.post("/api/v1/campaigns/" + ids[1] + "/start", ""));
                awaitSomeoneBlocked(dataSource, jdbc);
                first.commit();
                assertThat(second.join().status()).as(second.join().body()).isEqualTo(200);
            }
            assertThat(jdbc.sql("SELECT campaign_id FROM assignment WHERE vin = :v")
                            .param("v", vin)
                            .query(Long.class)
                            .list())
                    .containsExactly(ids[0]);
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
