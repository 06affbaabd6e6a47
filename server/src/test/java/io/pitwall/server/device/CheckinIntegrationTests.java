package io.pitwall.server.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.TestFleet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Runs on H2 only: answer shape and validation; CheckinCostIntegrationTests runs check-in SQL on both. */
class CheckinIntegrationTests {

    abstract static class Contract extends IntegrationTest {

        String vin;
        ApiClient vehicle;

        @BeforeEach
        void provision() {
            var fleet = new TestFleet(jdbc, admin);
            vin = fleet.vehicle("Aurora", "EU", "2.3.0", "BMS-HW-7");
            vehicle = fleet.credentialFor(vin);
        }

        Map<String, Object> checkin(String version) {
            return Map.of(
                    "signals",
                    Map.of(
                            "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current",
                            80.5,
                            "Vehicle.Speed",
                            0.0,
                            "Vehicle.LowVoltageSystemState",
                            "OFF"),
                    "connectivity",
                    "WIFI",
                    "ownerConsent",
                    true,
                    "ecus",
                    List.of(Map.of(
                            "serial", "BMS-HW-7-" + vin, "hardwareId", "BMS-HW-7", "installedVersion", version)));
        }

        @Test
        void anIdleVehicleGetsAJitteredPollIntervalAndNoAssignment() {
            var answer = vehicle.post("/device/v1/vehicles/" + vin + "/checkin", checkin("2.3.0"));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().get("pollAfterSeconds").asInt()).isBetween(270, 330);
            assertThat(answer.json().has("assignment")).isFalse();
            assertThat(answer.json().get("commands").size()).isZero();
        }

        @Test
        void driftBetweenReportedAndExpectedSoftwareStaysVisible() {
            vehicle.post("/device/v1/vehicles/" + vin + "/checkin", checkin("2.3.0"));
            assertThat(admin.get("/api/v1/vehicles/" + vin + "/drift")
                            .json()
                            .get("drifted")
                            .asBoolean())
                    .isFalse();
            vehicle.post("/device/v1/vehicles/" + vin + "/checkin", checkin("2.2.9"));
            var drift = admin.get("/api/v1/vehicles/" + vin + "/drift").json();
            assertThat(drift.get("drifted").asBoolean()).isTrue();
            assertThat(drift.get("ecus").get(0).get("expectedVersion").asString())
                    .isEqualTo("2.3.0");
            assertThat(drift.get("ecus").get(0).get("reportedVersion").asString())
                    .isEqualTo("2.2.9");
            assertThat(jdbc.sql("SELECT software_version FROM ecu WHERE vin = :v")
                            .param("v", vin)
                            .query(String.class)
                            .single())
                    .as("expected inventory is never overwritten by a report")
                    .isEqualTo("2.3.0");
        }

        @Test
        void malformedCheckinsAreRefusedWithoutWriting() {
            var duplicate = Map.of(
                    "ecus",
                    List.of(Map.of("serial", "X", "hardwareId", "H"), Map.of("serial", "X", "hardwareId", "H")));
            var dup = vehicle.post("/device/v1/vehicles/" + vin + "/checkin", duplicate);
            assertThat(dup.status()).isEqualTo(400);
            assertThat(dup.code()).isEqualTo("duplicate-ecu-serial");
            var broken = vehicle.send(
                    "POST",
                    "/device/v1/vehicles/" + vin + "/checkin",
                    "application/json",
                    "{\"ecus\": [{\"serial\": 5".getBytes());
            assertThat(broken.code()).isEqualTo("invalid-checkin");
            var missing = vehicle.post(
                    "/device/v1/vehicles/" + vin + "/checkin", Map.of("ecus", List.of(Map.of("serial", "X"))));
            assertThat(missing.code()).isEqualTo("invalid-checkin");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM vehicle_report WHERE vin = :v")
                            .param("v", vin)
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }

    @Nested
    class OnH2 extends Contract {}
}
