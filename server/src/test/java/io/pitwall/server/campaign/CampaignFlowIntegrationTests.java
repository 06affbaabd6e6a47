package io.pitwall.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.SignedTarget;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A release travels to vehicles: campaign start, delivery at check-in, download, events, progress. */
class CampaignFlowIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();

    abstract static class Contract extends IntegrationTest {

        TestFleet fleet;
        String hardwareId;

        @BeforeEach
        void fleet() {
            fleet = new TestFleet(jdbc, admin);
            hardwareId =
                    "BMS-HW-" + HARDWARE.incrementAndGet() + "-" + getClass().getSimpleName();
        }

        JsonNode checkin(ApiClient vehicle, String vin) {
            var answer = vehicle.post(
                    "/device/v1/vehicles/" + vin + "/checkin",
                    Map.of("connectivity", "WIFI", "ownerConsent", true, "ecus", List.of()));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer.json();
        }

        /** An approved campaign of the release, ready to start. */
        long campaign(TestFleet.PublishedRelease release, Map<String, Object> filter) {
            var manager = operatorWith(Role.RELEASE_MANAGER);
            var created = manager.post(
                    "/api/v1/campaigns",
                    Map.of(
                            "name",
                            "Rollout " + release.releaseId(),
                            "releaseId",
                            release.releaseId(),
                            "filter",
                            filter));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long id = created.json().get("id").asLong();
            campaignSteps().approvedCampaign(manager, id, release.knownGoodReleaseId());
            return id;
        }

        void report(ApiClient vehicle, String vin, String assignmentId, long seq, String type, String code) {
            var event = new java.util.HashMap<String, Object>(Map.of(
                    "seq", seq, "type", type, "occurredAt", Instant.now().toString(), "assignmentId", assignmentId));
            if (code != null) {
                event.put("code", code);
            }
            var answer = vehicle.post("/device/v1/vehicles/" + vin + "/events", Map.of("events", List.of(event)));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }

        @Test
        void aReleaseReachesEligibleVehiclesOnlyAndProgressIsCounted() {
            String model = "Model-" + hardwareId;
            String eligible = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            String otherRegion = fleet.vehicle(model, "US", "1.0.0", hardwareId);
            String current = fleet.vehicle(model, "EU", "2.0.0", hardwareId);
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            long id = campaign(release, Map.of("model", model, "region", "EU"));

            var operator = operatorWith(Role.FLEET_OPERATOR);
            var started = operator.post("/api/v1/campaigns/" + id + "/start", "");
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            assertThat(started.json().get("assignments").asLong()).isEqualTo(1);

            ApiClient vehicle = fleet.credentialFor(eligible);
            JsonNode answer = checkin(vehicle, eligible);
            JsonNode assignment = answer.get("assignment");
            assertThat(assignment).isNotNull();
            assertThat(answer.get("pollAfterSeconds").asInt()).isLessThan(30);
            JsonNode target = assignment.get("ecus").get(0);
            assertThat(target.get("hashes").get("sha256").asString()).isEqualTo(release.sha256());
            assertThat(target.get("length").asLong()).isEqualTo(release.content().length);

            // The signed targets entry verifies against the published image-targets key.
            JsonNode key = admin.get("/api/v1/keys").json().get(0);
            TufKey tufKey = TufKey.fromJson(key.get("key"));
            var entry = SignedTarget.verify(
                    Envelope.fromJson(target.get("signedTarget")),
                    target.get("targetPath").asString(),
                    Map.of(tufKey.keyId(), tufKey));
            assertThat(entry.sha256()).isEqualTo(release.sha256());

            for (String vin : List.of(otherRegion, current)) {
                assertThat(checkin(fleet.credentialFor(vin), vin).has("assignment"))
                        .as(vin)
                        .isFalse();
            }

            String assignmentId = assignment.get("assignmentId").asString();
            report(vehicle, eligible, assignmentId, 1, "DOWNLOAD_STARTED", null);
            report(vehicle, eligible, assignmentId, 2, "DOWNLOAD_COMPLETED", null);
            report(vehicle, eligible, assignmentId, 3, "INSTALL_STARTED", null);
            report(vehicle, eligible, assignmentId, 4, "INSTALL_COMPLETED", null);
            report(vehicle, eligible, assignmentId, 2, "DOWNLOAD_COMPLETED", null);

            var progress = operator.get("/api/v1/campaigns/" + id).json();
            assertThat(progress.get("byStatus").get("SUCCEEDED").asLong()).isEqualTo(1);
            assertThat(progress.get("campaign").get("status").asString()).isEqualTo("COMPLETED");
            assertThat(checkin(vehicle, eligible).has("assignment")).isFalse();
            assertThat(jdbc.sql("SELECT software_version FROM ecu WHERE vin = :v")
                            .param("v", eligible)
                            .query(String.class)
                            .single())
                    .isEqualTo("2.0.0");
        }

        @Test
        void failuresAreCountedByCategory() {
            String model = "Model-" + hardwareId;
            String a = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            String b = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            long id = campaign(release, Map.of("model", model));
            admin.post("/api/v1/campaigns/" + id + "/start", "");
            ApiClient va = fleet.credentialFor(a);
            ApiClient vb = fleet.credentialFor(b);
            String ida = checkin(va, a).get("assignment").get("assignmentId").asString();
            String idb = checkin(vb, b).get("assignment").get("assignmentId").asString();
            report(va, a, ida, 1, "DOWNLOAD_FAILED", "HASH_MISMATCH");
            report(vb, b, idb, 1, "INSTALL_STARTED", null);
            report(vb, b, idb, 2, "ROLLED_BACK", "HEALTH_CHECK_FAILED");
            var progress = admin.get("/api/v1/campaigns/" + id).json();
            assertThat(progress.get("byFailureCategory").get("VERIFICATION").asLong())
                    .isEqualTo(1);
            assertThat(progress.get("byFailureCategory")
                            .get("BOOT_HEALTH_ROLLBACK")
                            .asLong())
                    .isEqualTo(1);
            assertThat(progress.get("campaign").get("status").asString()).isEqualTo("COMPLETED");
        }

        @Test
        void artifactsResumeWithRangesAndStayPrivateToTheirVehicle() {
            String model = "Model-" + hardwareId;
            String mine = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            String stranger = fleet.vehicle("Other-" + hardwareId, "EU", "1.0.0", "OTHER-" + hardwareId);
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            long id = campaign(release, Map.of("model", model));
            admin.post("/api/v1/campaigns/" + id + "/start", "");
            ApiClient vehicle = fleet.credentialFor(mine);
            String url = checkin(vehicle, mine)
                    .get("assignment")
                    .get("ecus")
                    .get(0)
                    .get("downloadUrl")
                    .asString();

            var head = vehicle.download("HEAD", url, null);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(release.content().length));
            assertThat(head.header("Accept-Ranges")).isEqualTo("bytes");
            assertThat(head.header("ETag")).isEqualTo("\"" + release.sha256() + "\"");

            var tail = vehicle.download("GET", url, "bytes=1000-");
            assertThat(tail.status()).isEqualTo(206);
            assertThat(tail.header("Content-Range"))
                    .isEqualTo("bytes 1000-" + (release.content().length - 1) + "/" + release.content().length);
            assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(release.content(), 1000, release.content().length));
            var beyond = vehicle.download("GET", url, "bytes=" + release.content().length + "-");
            assertThat(beyond.status()).isEqualTo(416);
            assertThat(beyond.header("Content-Range")).isEqualTo("bytes */" + release.content().length);

            ApiClient other = fleet.credentialFor(stranger);
            assertThat(other.download("GET", url, null).status())
                    .as("another vehicle's path")
                    .isEqualTo(403);
            assertThat(other.download("GET", url.replace(mine, stranger), null).status())
                    .as("an artifact not assigned to the vehicle")
                    .isEqualTo(404);
            assertThat(other.post("/device/v1/vehicles/" + mine + "/checkin", Map.of())
                            .status())
                    .isEqualTo(403);
            assertThat(other.post("/device/v1/vehicles/" + mine + "/events", Map.of())
                            .status())
                    .isEqualTo(403);
        }

        @Test
        void pauseHoldsBackUndeliveredAssignmentsAndCancelWithdrawsThem() {
            String model = "Model-" + hardwareId;
            String a = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            long id = campaign(release, Map.of("model", model));
            admin.post("/api/v1/campaigns/" + id + "/start", "");
            assertThat(admin.post("/api/v1/campaigns/" + id + "/pause", "").status())
                    .isEqualTo(200);
            ApiClient vehicle = fleet.credentialFor(a);
            assertThat(checkin(vehicle, a).has("assignment")).isFalse();
            assertThat(admin.post("/api/v1/campaigns/" + id + "/pause", "").code())
                    .isEqualTo("campaign-not-running");
            assertThat(admin.post("/api/v1/campaigns/" + id + "/start", "").code())
                    .isEqualTo("campaign-not-startable");
            assertThat(admin.post("/api/v1/campaigns/" + id + "/resume", "").status())
                    .isEqualTo(200);
            assertThat(checkin(vehicle, a).has("assignment")).isTrue();
            var cancelled =
                    admin.post("/api/v1/campaigns/" + id + "/cancel", "").json();
            assertThat(cancelled.get("byStatus").get("CANCELLED").asLong()).isEqualTo(1);
            assertThat(checkin(vehicle, a).has("assignment")).isFalse();
        }

        @Test
        void badCampaignRequestsAreRefusedAndWriteNothing() {
            long before = count("campaign");
            var noRelease = admin.post("/api/v1/campaigns", Map.of("name", "x", "releaseId", 987654321));
            assertThat(noRelease.code()).isEqualTo("release-not-published");
            var injection = admin.post(
                    "/api/v1/campaigns",
                    Map.of("name", "x", "releaseId", 1, "filter", Map.of("model", "x' OR '1'='1")));
            assertThat(injection.code()).isEqualTo("invalid-target-filter");
            assertThat(admin.post("/api/v1/campaigns", "{\"name\":").code()).isEqualTo("malformed-body");
            assertThat(admin.post("/api/v1/campaigns/987654321/start", "").code())
                    .isEqualTo("campaign-not-found");
            assertThat(count("campaign")).isEqualTo(before);
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
