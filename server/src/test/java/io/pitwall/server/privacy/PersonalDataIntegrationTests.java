package io.pitwall.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.DtcSteps;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Location only with location:read; export and erasure of one vehicle's personal data over HTTP, audited, with
 * their own permission; an unknown VIN changes nothing.
 */
class PersonalDataIntegrationTests {

    abstract static class Contract extends IntegrationTest {

        PrivacySteps carWithPersonalData() {
            var car = new PrivacySteps(jdbc, admin);
            car.faultAt(48.137, 11.575, 42.5);
            car.checkinAt(48.139, 11.577, 0.0);
            jdbc.sql("INSERT INTO vehicle_attribute (vin, name, attr_value) VALUES (:v, 'ownerName', 'Erika Muster')")
                    .param("v", car.vin)
                    .update();
            return car;
        }

        @Test
        void locationIsShownOnlyToOperatorsWithLocationRead() {
            var car = carWithPersonalData();
            String faults = "/api/v1/vehicles/" + car.vin + "/faults";
            String sovd = "/api/v1/vehicles/" + car.vin + "/components/" + car.ecu + "/faults/P0A80";

            var viewer = operatorWith(Role.VIEWER);
            JsonNode hidden = viewer.get(faults).json().get("ecus").get(0).get("vehicleState");
            assertThat(hidden.has(PrivacySteps.LATITUDE)).isFalse();
            assertThat(hidden.has(PrivacySteps.LONGITUDE)).isFalse();
            assertThat(hidden.get("Vehicle.Speed").asDouble()).isEqualTo(42.5);
            JsonNode hiddenSnapshot = viewer.get(sovd)
                    .json()
                    .get("environment_data")
                    .get("snapshots")
                    .get(0)
                    .get("vehicle_state");
            assertThat(hiddenSnapshot.has(PrivacySteps.LATITUDE)).isFalse();
            assertThat(hiddenSnapshot.has("Vehicle.Speed")).isTrue();

            var support = operatorWith(Role.SUPPORT_AGENT);
            JsonNode shown = support.get(faults).json().get("ecus").get(0).get("vehicleState");
            assertThat(shown.get(PrivacySteps.LATITUDE).asDouble()).isEqualTo(48.137);
            assertThat(shown.get(PrivacySteps.LONGITUDE).asDouble()).isEqualTo(11.575);
            assertThat(support.get(sovd)
                            .json()
                            .get("environment_data")
                            .get("snapshots")
                            .get(0)
                            .get("vehicle_state")
                            .get(PrivacySteps.LATITUDE)
                            .asDouble())
                    .isEqualTo(48.137);
        }

        /** A READ_DATA command the vehicle answered with its position (stored as the device path stores it). */
        String answeredReadData(PrivacySteps car) {
            String id = java.util.UUID.randomUUID().toString();
            var now = java.time.OffsetDateTime.now();
            jdbc.sql("""
                    INSERT INTO diagnostic_command (id, vin, command_type, parameters, reason, status, requested_by,
                        created_at, expires_at, delivered_at, completed_at, result_code, result_detail, version)
                    VALUES (:id, :vin, 'READ_DATA', :parameters, 'roadside', 'SUCCEEDED', 'engineer', :now, :now, :now,
                        :now, 'OK', :detail, 2)""")
                    .param("id", id)
                    .param("vin", car.vin)
                    .param("now", now)
                    .param("parameters", "{\"signals\":\"" + PrivacySteps.LATITUDE + ",Vehicle.Speed\"}")
                    .param("detail", "{\"" + PrivacySteps.LATITUDE + "\":52.52,\"Vehicle.Speed\":0.0}")
                    .update();
            return id;
        }

        @Test
        void aCommandResultsPositionIsShownOnlyWithLocationReadAndErasedWithThePersonalData() {
            var car = new PrivacySteps(jdbc, admin);
            String id = answeredReadData(car);
            var viewer = operatorWith(Role.VIEWER);
            assertThat(viewer.get("/api/v1/commands/" + id)
                            .json()
                            .get("resultDetail")
                            .asString())
                    .isEqualTo("{\"Vehicle.Speed\":0.0}");
            assertThat(viewer.get("/api/v1/vehicles/" + car.vin + "/commands")
                            .json()
                            .get("items")
                            .get(0)
                            .get("resultDetail")
                            .asString())
                    .doesNotContain("CurrentLocation");
            assertThat(operatorWith(Role.SUPPORT_AGENT)
                            .get("/api/v1/commands/" + id)
                            .json()
                            .get("resultDetail")
                            .asString())
                    .contains(PrivacySteps.LATITUDE + "\":52.52");

            var erased = operatorWith(Role.SECURITY_OFFICER).delete("/api/v1/vehicles/" + car.vin + "/personal-data");
            assertThat(erased.json().get("erased").get("location").asLong()).isOne();
            assertThat(jdbc.sql("SELECT result_detail FROM diagnostic_command WHERE id = :id")
                            .param("id", id)
                            .query(String.class)
                            .single())
                    .isEqualTo("{}");
        }

        @Test
        void theExportListsEverythingHeldAboutTheVehicleByClassAndIsAudited() {
            var car = carWithPersonalData();
            var answer = operatorWith(Role.SECURITY_OFFICER).get("/api/v1/vehicles/" + car.vin + "/personal-data");
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode classes = answer.json().get("classes");
            assertThat(answer.json().get("vin").asString()).isEqualTo(car.vin);

            JsonNode location = classes.get("location");
            assertThat(location.get("dtc_report")
                            .get(0)
                            .get("signals")
                            .get(PrivacySteps.LATITUDE)
                            .asDouble())
                    .isEqualTo(48.137);
            assertThat(location.get("vehicle_report")
                            .get(0)
                            .get("signals")
                            .get(PrivacySteps.LONGITUDE)
                            .asDouble())
                    .isEqualTo(11.577);
            assertThat(location.get("vehicle_event").get(0).get("seq").asLong()).isEqualTo(1);
            assertThat(classes.get("driver-behaviour")
                            .get("dtc_report")
                            .get(0)
                            .get("signals")
                            .get("Vehicle.Speed")
                            .asDouble())
                    .isEqualTo(42.5);
            assertThat(classes.get("account")
                            .get("vehicle")
                            .get(0)
                            .get("customer_type")
                            .asString())
                    .isEqualTo("PRIVATE");
            assertThat(classes.get("account")
                            .get("vehicle_attribute")
                            .get(0)
                            .get("attr_value")
                            .asString())
                    .isEqualTo("Erika Muster");
            JsonNode report = classes.get("diagnostic").get("dtc_report").get(0);
            assertThat(report.get("vin").asString()).isEqualTo(car.vin);
            assertThat(report.get("vehicle_state").asString()).doesNotContain("CurrentLocation", "Vehicle.Speed");
            assertThat(classes.get("diagnostic")
                            .get("fault_observation")
                            .get(0)
                            .get("code")
                            .asString())
                    .isEqualTo("P0A80");
            assertThat(classes.get("service").get("ecu").get(0).get("serial").asString())
                    .isEqualTo(car.ecu);
            assertThat(classes.get("service")
                            .get("vehicle_credential")
                            .get(0)
                            .get("token_hash")
                            .asString())
                    .isEqualTo("withheld");
            assertThat(DtcSteps.audited(jdbc, "personal-data.export", "vehicle:" + car.vin))
                    .isOne();
        }

        @Test
        void erasureRemovesThePersonalClassesKeepsDiagnosticAndServiceDataAndIsAudited() {
            var car = carWithPersonalData();
            long reports = count("dtc_report");
            long observations = count("fault_observation");
            var answer = operatorWith(Role.SECURITY_OFFICER).delete("/api/v1/vehicles/" + car.vin + "/personal-data");
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode erased = answer.json().get("erased");
            assertThat(erased.get("location").asLong()).isEqualTo(3);
            assertThat(erased.get("driver-behaviour").asLong()).isEqualTo(3);
            assertThat(erased.get("account").asLong()).isEqualTo(2);

            assertThat(car.storedSignalTexts())
                    .hasSize(3)
                    .noneMatch(t -> t.contains("CurrentLocation") || t.contains("Vehicle.Speed"));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM vehicle_attribute WHERE vin = :v")
                            .param("v", car.vin)
                            .query(Long.class)
                            .single())
                    .isZero();
            assertThat(jdbc.sql("SELECT customer_type FROM vehicle WHERE vin = :v")
                            .param("v", car.vin)
                            .query(String.class)
                            .single())
                    .isEqualTo(PersonalDataRequests.ERASED);
            assertThat(count("dtc_report")).isEqualTo(reports);
            assertThat(count("fault_observation")).isEqualTo(observations);
            assertThat(DtcSteps.audited(jdbc, "personal-data.erase", "vehicle:" + car.vin))
                    .isOne();
            var export = admin.get("/api/v1/vehicles/" + car.vin + "/personal-data")
                    .json()
                    .get("classes");
            assertThat(export.has("location")).isFalse();
            assertThat(export.has("driver-behaviour")).isFalse();
        }

        @Test
        void anUnknownVehicleIs404AndNothingChanges() {
            var car = carWithPersonalData();
            List<String> before = car.storedSignalTexts();
            long attributes = count("vehicle_attribute");
            var officer = operatorWith(Role.SECURITY_OFFICER);
            for (String vin : List.of("WPWUNKNOWN0000001", "not-a-vin")) {
                var erase = officer.delete("/api/v1/vehicles/" + vin + "/personal-data");
                assertThat(erase.status()).isEqualTo(404);
                assertThat(erase.code()).isEqualTo("vehicle-not-found");
                var export = officer.get("/api/v1/vehicles/" + vin + "/personal-data");
                assertThat(export.status()).isEqualTo(404);
                assertThat(export.code()).isEqualTo("vehicle-not-found");
                assertThat(DtcSteps.audited(jdbc, "personal-data.erase", "vehicle:" + vin))
                        .isZero();
                assertThat(DtcSteps.audited(jdbc, "personal-data.export", "vehicle:" + vin))
                        .isZero();
            }
            assertThat(count("vehicle_attribute")).isEqualTo(attributes);
            assertThat(car.storedSignalTexts()).isEqualTo(before);
        }

        @Test
        void exportAndErasureNeedTheirOwnPermission() {
            var car = carWithPersonalData();
            for (Role role : List.of(Role.VIEWER, Role.SUPPORT_AGENT, Role.DIAGNOSTICS_ENGINEER)) {
                var client = operatorWith(role);
                assertThat(client.get("/api/v1/vehicles/" + car.vin + "/personal-data")
                                .status())
                        .isEqualTo(403);
                assertThat(client.delete("/api/v1/vehicles/" + car.vin + "/personal-data")
                                .status())
                        .isEqualTo(403);
            }
            assertThat(jdbc.sql("SELECT COUNT(*) FROM vehicle_attribute WHERE vin = :v")
                            .param("v", car.vin)
                            .query(Long.class)
                            .single())
                    .isOne();
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
