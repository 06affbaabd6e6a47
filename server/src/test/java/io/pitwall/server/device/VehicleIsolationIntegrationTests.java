package io.pitwall.server.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.TestFleet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A vehicle's credential never reads or changes another vehicle's data, endpoint by endpoint. Vehicle
 * {@code mine} has an assignment of a running campaign; vehicle {@code other} (different hardware, no
 * assignment) tries every endpoint on {@code mine}'s behalf.
 * Runs on H2 only: authorization checks; the device SQL they guard runs on both in the other device tests.
 */
class VehicleIsolationIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();

    abstract static class Contract extends IntegrationTest {

        String mine;
        String other;
        ApiClient mineClient;
        ApiClient otherClient;
        TestFleet.PublishedRelease release;

        @BeforeEach
        void twoVehiclesOneAssignment() {
            var fleet = new TestFleet(jdbc, admin);
            String hardwareId =
                    "ISO-HW-" + HARDWARE.incrementAndGet() + "-" + getClass().getSimpleName();
            mine = fleet.vehicle("Iso-" + hardwareId, "EU", "1.0.0", hardwareId);
            other = fleet.vehicle("Other-" + hardwareId, "EU", "1.0.0", "OTHER-" + hardwareId);
            release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            var manager = operatorWith(Role.RELEASE_MANAGER);
            var created = manager.post(
                    "/api/v1/campaigns",
                    Map.of(
                            "name",
                            "Iso " + hardwareId,
                            "releaseId",
                            release.releaseId(),
                            "filter",
                            Map.of("model", "Iso-" + hardwareId)));
            campaignSteps().approvedCampaign(manager, created.json().get("id").asLong(), release.knownGoodReleaseId());
            assertThat(admin.post(
                                    "/api/v1/campaigns/"
                                            + created.json().get("id").asLong() + "/start",
                                    "")
                            .json()
                            .get("assignments")
                            .asLong())
                    .isEqualTo(1);
            mineClient = fleet.credentialFor(mine);
            otherClient = fleet.credentialFor(other);
        }

        /** Everything stored about {@code mine}: assignment and ECU parts, report, events, cursor, inventory. */
        List<Object> stateOfMine() {
            return List.of(
                    jdbc.sql("SELECT status || ':' || version FROM assignment WHERE vin = :v")
                            .param("v", mine)
                            .query(String.class)
                            .list(),
                    jdbc.sql("SELECT ae.status || ':' || COALESCE(ae.failure_code, '-') FROM assignment_ecu ae "
                                    + "JOIN assignment a ON a.id = ae.assignment_id WHERE a.vin = :v")
                            .param("v", mine)
                            .query(String.class)
                            .list(),
                    jdbc.sql("SELECT state_hash FROM vehicle_report WHERE vin = :v")
                            .param("v", mine)
                            .query(String.class)
                            .list(),
                    jdbc.sql("SELECT COUNT(*) FROM reported_ecu WHERE vin = :v")
                            .param("v", mine)
                            .query(Long.class)
                            .single(),
                    jdbc.sql("SELECT COUNT(*) FROM vehicle_event WHERE vin = :v")
                            .param("v", mine)
                            .query(Long.class)
                            .single(),
                    jdbc.sql("SELECT COUNT(*) FROM event_cursor WHERE vin = :v")
                            .param("v", mine)
                            .query(Long.class)
                            .single(),
                    jdbc.sql("SELECT software_version FROM ecu WHERE vin = :v")
                            .param("v", mine)
                            .query(String.class)
                            .list());
        }

        static void assertVinMismatch(int status, String code) {
            assertThat(status).isEqualTo(403);
            assertThat(code).isEqualTo("vin-mismatch");
        }

        Map<String, Object> checkinBody() {
            return Map.of(
                    "connectivity",
                    "WIFI",
                    "ownerConsent",
                    true,
                    "ecus",
                    List.of(Map.of("serial", "X-1", "hardwareId", "X")));
        }

        @Test
        void checkinOnAnotherVehiclesPathIsRefusedAndNeitherRecordsNorDelivers() {
            var before = stateOfMine();
            var answer = otherClient.post("/device/v1/vehicles/" + mine + "/checkin", checkinBody());
            assertVinMismatch(answer.status(), answer.code());
            assertThat(answer.body()).doesNotContain("assignment");
            assertThat(stateOfMine())
                    .as("still PENDING: the assignment was not handed out")
                    .isEqualTo(before);
            var own = otherClient.post("/device/v1/vehicles/" + other + "/checkin", checkinBody());
            assertThat(own.status()).isEqualTo(200);
            assertThat(own.json().has("assignment"))
                    .as("another vehicle's assignment never appears")
                    .isFalse();
            assertThat(own.json().get("commands").size()).isZero();
        }

        @Test
        void eventsOnAnotherVehiclesPathAreRefusedAndStoreNothing() {
            var before = stateOfMine();
            var answer = otherClient.post(
                    "/device/v1/vehicles/" + mine + "/events",
                    Map.of(
                            "events",
                            List.of(Map.of(
                                    "seq",
                                    1,
                                    "type",
                                    "MODULE_HEALTH",
                                    "occurredAt",
                                    Instant.now().toString()))));
            assertVinMismatch(answer.status(), answer.code());
            assertThat(stateOfMine()).isEqualTo(before);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM vehicle_event WHERE vin = :v")
                            .param("v", other)
                            .query(Long.class)
                            .single())
                    .as("nor as the sender's")
                    .isZero();
        }

        @Test
        void anEventNamingAnotherVehiclesAssignmentLeavesItUntouched() {
            String assignmentId = mineClient
                    .post("/device/v1/vehicles/" + mine + "/checkin", checkinBody())
                    .json()
                    .get("assignment")
                    .get("assignmentId")
                    .asString();
            var before = stateOfMine();
            long seq = 1;
            for (String type : List.of(
                    "DOWNLOAD_STARTED",
                    "DOWNLOAD_COMPLETED",
                    "INSTALL_STARTED",
                    "INSTALL_FAILED",
                    "INSTALL_COMPLETED",
                    "ROLLED_BACK")) {
                var answer = otherClient.post(
                        "/device/v1/vehicles/" + other + "/events",
                        Map.of(
                                "events",
                                List.of(Map.of(
                                        "seq",
                                        seq++,
                                        "type",
                                        type,
                                        "occurredAt",
                                        Instant.now().toString(),
                                        "assignmentId",
                                        assignmentId,
                                        "code",
                                        "HASH_MISMATCH"))));
                assertThat(answer.status()).isEqualTo(200);
            }
            assertThat(stateOfMine())
                    .as("status, version, ECU parts and inventory of the other assignment")
                    .isEqualTo(before);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM vehicle_event WHERE vin = :v")
                            .param("v", other)
                            .query(Long.class)
                            .single())
                    .as("stored as the sender's own events")
                    .isEqualTo(6);
        }

        @Test
        void artifactGetOnAnotherVehiclesPathIsRefused() {
            var answer =
                    otherClient.download("GET", "/device/v1/vehicles/" + mine + "/artifacts/" + release.sha256(), null);
            assertThat(answer.status()).isEqualTo(403);
            assertThat(new String(answer.body())).contains("vin-mismatch").doesNotContain("image ");
        }

        @Test
        void artifactHeadOnAnotherVehiclesPathIsRefused() {
            var answer = otherClient.download(
                    "HEAD", "/device/v1/vehicles/" + mine + "/artifacts/" + release.sha256(), null);
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.header("ETag")).isNull();
            assertThat(answer.header("Content-Length")).isNotEqualTo(Integer.toString(release.content().length));
        }

        @Test
        void anArtifactNeitherAssignedToNorInstalledOnTheCallerIsNotFoundOnItsOwnPath() {
            String path = "/device/v1/vehicles/" + other + "/artifacts/" + release.sha256();
            var get = otherClient.download("GET", path, null);
            assertThat(get.status()).isEqualTo(404);
            assertThat(new String(get.body())).contains("artifact-not-found").doesNotContain("image ");
            var head = otherClient.download("HEAD", path, null);
            assertThat(head.status()).isEqualTo(404);
            assertThat(head.header("ETag")).isNull();
            assertThat(mineClient
                            .download("HEAD", path.replace(other, mine), null)
                            .status())
                    .as("the owner may")
                    .isEqualTo(200);
        }

        @Test
        void credentialCheckOnAnotherVehiclesPathIsRefused() {
            var answer = otherClient.get("/device/v1/vehicles/" + mine + "/credential");
            assertVinMismatch(answer.status(), answer.code());
            assertThat(answer.body()).doesNotContain("ACTIVE");
        }
    }

    @Nested
    class OnH2 extends Contract {}
}
