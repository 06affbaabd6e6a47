package io.pitwall.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.CampaignSteps;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.TestFleet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A campaign's vehicle-state policy: validated and stored with the schedule, allowed regions and consent
 * applied by the server at delivery, the rest carried to the vehicle in the check-in answer's assignment.
 * Runs on H2 only: validation, answer shape and Java checks at delivery over single-row reads.
 */
class CampaignVehiclePolicyIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();

    abstract static class Contract extends IntegrationTest {

        TestFleet fleet;
        ApiClient manager;
        String hardwareId;
        String model;

        @BeforeEach
        void fleet() {
            fleet = new TestFleet(jdbc, admin);
            manager = operatorWith(Role.RELEASE_MANAGER);
            hardwareId =
                    "POLICY-HW-" + HARDWARE.incrementAndGet() + "-" + getClass().getSimpleName();
            model = "Policy-" + hardwareId;
        }

        static Map<String, Object> vehicleState() {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("minStateOfChargePercent", 40.0);
            state.put("minLowVoltageVolts", 12.2);
            state.put("ignitionOff", true);
            state.put("parked", true);
            state.put("wifiRequiredAboveBytes", 1000);
            state.put("allowedRegions", List.of("EU"));
            state.put("consentRequired", true);
            return state;
        }

        long started(Map<String, Object> schedule) {
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            long id = CampaignSteps.created(manager, "Policy " + hardwareId, release.releaseId(), model, schedule);
            campaignSteps().approvedAndStarted(manager, id, release.knownGoodReleaseId());
            return id;
        }

        JsonNode checkin(String vin, boolean consent) {
            var answer = fleet.credentialFor(vin)
                    .post(
                            "/device/v1/vehicles/" + vin + "/checkin",
                            Map.of("connectivity", "WIFI", "ownerConsent", consent, "ecus", List.of()));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer.json();
        }

        String status(String vin, long id) {
            return jdbc.sql("SELECT status FROM assignment WHERE vin = ? AND campaign_id = ?")
                    .params(vin, id)
                    .query(String.class)
                    .single();
        }

        JsonNode deferred(long id) {
            return manager.get("/api/v1/campaigns/" + id).json().get("deferred");
        }

        @Test
        void thePolicyArrivesInTheCheckinAnswerOnDeliveryAndEveryLaterCheckin() {
            String vin = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            long id = started(Map.of("vehicleState", vehicleState()));
            for (int i = 0; i < 2; i++) {
                JsonNode policy = checkin(vin, true).get("assignment").get("policy");
                assertThat(policy.get("minStateOfChargePercent").asDouble()).isEqualTo(40.0);
                assertThat(policy.get("minLowVoltageVolts").asDouble()).isEqualTo(12.2);
                assertThat(policy.get("ignitionOff").asBoolean()).isTrue();
                assertThat(policy.get("parked").asBoolean()).isTrue();
                assertThat(policy.get("wifiRequiredAboveBytes").asLong()).isEqualTo(1000);
                assertThat(policy.get("consentRequired").asBoolean()).isTrue();
                assertThat(policy.has("allowedRegions"))
                        .as("regions are the server's to apply")
                        .isFalse();
            }
            assertThat(status(vin, id)).isEqualTo("DELIVERED");
        }

        @Test
        void anAssignmentWithoutAVehicleStatePolicyCarriesNone() {
            String vin = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            started(Map.of("inProgressTimeoutMinutes", 60));
            JsonNode assignment = checkin(vin, true).get("assignment");
            assertThat(assignment.get("assignmentId").asString()).isNotBlank();
            assertThat(assignment.has("policy")).isFalse();
        }

        @Test
        void theServerHoldsBackVehiclesOutsideTheAllowedRegionsAndWithoutConsent() {
            String eu = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            String us = fleet.vehicle(model, "US", "1.0.0", hardwareId);
            long id = started(
                    Map.of("vehicleState", Map.of("allowedRegions", List.of("EU", "UK"), "consentRequired", true)));

            assertThat(checkin(us, true).has("assignment")).isFalse();
            assertThat(checkin(eu, false).has("assignment")).isFalse();
            assertThat(status(us, id)).isEqualTo("PENDING");
            assertThat(status(eu, id)).isEqualTo("PENDING");
            assertThat(deferred(id).get("region-not-allowed").asLong()).isEqualTo(1);
            assertThat(deferred(id).get("no-consent").asLong()).isEqualTo(1);

            JsonNode consented = checkin(eu, true).get("assignment");
            assertThat(consented.get("policy").get("consentRequired").asBoolean())
                    .isTrue();
            assertThat(status(eu, id)).isEqualTo("DELIVERED");
            assertThat(checkin(us, true).has("assignment")).isFalse();
            assertThat(deferred(id).get("region-not-allowed").asLong()).isEqualTo(1);
            assertThat(deferred(id).has("no-consent")).isFalse();
        }

        @Test
        void badVehicleStatePoliciesAreRefusedWithNothingWritten() {
            fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            var release = fleet.publish(hardwareId, "2.0.0", 20);
            long campaigns = count("campaign");
            List<Map<String, Object>> bad = List.of(
                    Map.of("minStateOfChargePercent", 101),
                    Map.of("minStateOfChargePercent", -1),
                    Map.of("minLowVoltageVolts", 61),
                    Map.of("wifiRequiredAboveBytes", -1),
                    Map.of("allowedRegions", List.of("")),
                    Map.of("allowedRegions", List.of("R".repeat(33))));
            for (Map<String, Object> state : bad) {
                var created = manager.post(
                        "/api/v1/campaigns",
                        Map.of(
                                "name",
                                "Bad",
                                "releaseId",
                                release.releaseId(),
                                "filter",
                                "model==\"none\"",
                                "schedule",
                                Map.of("vehicleState", state)));
                assertThat(created.status()).as(created.body()).isEqualTo(400);
                assertThat(created.code()).as(state.toString()).isEqualTo("invalid-vehicle-state");
            }
            assertThat(count("campaign")).isEqualTo(campaigns);

            var created = manager.post(
                    "/api/v1/campaigns",
                    Map.of(
                            "name",
                            "Good",
                            "releaseId",
                            release.releaseId(),
                            "filter",
                            "model==\"none\"",
                            "schedule",
                            Map.of("vehicleState", vehicleState())));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String path = "/api/v1/campaigns/" + created.json().get("id").asLong() + "/schedule";
            var put = manager.put(path, Map.of("vehicleState", Map.of("minStateOfChargePercent", 150)));
            assertThat(put.status()).isEqualTo(400);
            assertThat(put.code()).isEqualTo("invalid-vehicle-state");
            JsonNode shown = manager.get(path).json().get("vehicleState");
            assertThat(shown.get("minStateOfChargePercent").asDouble()).isEqualTo(40.0);
            assertThat(shown.get("allowedRegions").get(0).asString()).isEqualTo("EU");

            var relaxed = manager.put(path, Map.of("vehicleState", Map.of("parked", true)));
            assertThat(relaxed.status()).as(relaxed.body()).isEqualTo(200);
            assertThat(manager.get(path).json().get("vehicleState").has("minStateOfChargePercent"))
                    .isFalse();
        }
    }

    @Nested
    class OnH2 extends Contract {}
}
