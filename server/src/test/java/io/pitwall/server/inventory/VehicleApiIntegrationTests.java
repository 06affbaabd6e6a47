package io.pitwall.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VehicleApiIntegrationTests {

    abstract static class Contract extends IntegrationTest {

        @Test
        void createsReadsReplacesAndDeletesAVehicleAndAuditsEachChange() {
            var fleet = operatorWith(Role.FLEET_OPERATOR);
            String vin = TestFleet.vin();
            long audits = count("audit_record");

            var created = fleet.post("/api/v1/vehicles", TestFleet.vehicle(vin, "Taycan", 3));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().get("version").asLong()).isZero();
            assertThat(created.json().get("ecus")).hasSize(3);
            assertThat(created.json().get("ecus").get(0).get("primary").asBoolean())
                    .isTrue();

            var read = fleet.get("/api/v1/vehicles/" + vin);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("attributes").get("trim").asString()).isEqualTo("GTS");
            assertThat(read.json().get("tags").get(0).asString()).isEqualTo("pilot");

            var changed = TestFleet.vehicle(vin, "Taycan 4S", 2);
            changed.put("version", 0);
            var replaced = fleet.put("/api/v1/vehicles/" + vin, changed);
            assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
            assertThat(replaced.json().get("version").asLong()).isEqualTo(1);
            assertThat(replaced.json().get("model").asString()).isEqualTo("Taycan 4S");
            assertThat(ecusOf(vin)).isEqualTo(2);

            var stale = fleet.put("/api/v1/vehicles/" + vin, changed);
            assertThat(stale.status()).isEqualTo(409);
            assertThat(stale.code()).isEqualTo("version-conflict");

            assertThat(fleet.delete("/api/v1/vehicles/" + vin).status()).isEqualTo(204);
            var gone = fleet.get("/api/v1/vehicles/" + vin);
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.code()).isEqualTo("vehicle-not-found");
            for (String table : List.of("ecu", "vehicle_attribute", "vehicle_tag")) {
                assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE vin = :v")
                                .param("v", vin)
                                .query(Long.class)
                                .single())
                        .as(table + " rows of the deleted vehicle")
                        .isZero();
            }
            assertThat(jdbc.sql(
                                    "SELECT action FROM audit_record WHERE target = :t AND outcome = 'SUCCEEDED' ORDER BY seq")
                            .param("t", "vehicle:" + vin)
                            .query(String.class)
                            .list())
                    .containsExactly("vehicle.create", "vehicle.replace", "vehicle.delete");
            assertThat(count("audit_record")).isEqualTo(audits + 4);
        }

        @Test
        void aReplaceWithTheSameContentChangesNothing() {
            String vin = TestFleet.vin();
            var created = admin.post("/api/v1/vehicles", TestFleet.vehicle(vin, "Taycan", 2))
                    .json();
            var same = TestFleet.vehicle(vin, "Taycan", 2);
            same.put("version", 0);
            var answer = admin.put("/api/v1/vehicles/" + vin, same);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("version").asLong()).isZero();
            assertThat(answer.json().get("updatedAt").asString())
                    .isEqualTo(created.get("updatedAt").asString());
        }

        @Test
        void refusesAnExistingVinAndAnEcuSerialOfAnotherVehicleWithoutWriting() {
            String vin = TestFleet.vin();
            admin.post("/api/v1/vehicles", TestFleet.vehicle(vin, "Taycan", 2));
            long vehicles = count("vehicle");
            long ecus = count("ecu");

            var again = admin.post("/api/v1/vehicles", TestFleet.vehicle(vin, "Taycan", 2));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.code()).isEqualTo("vehicle-exists");

            var thief = TestFleet.vehicle(TestFleet.vin(), "Taycan", 0);
            thief.put("ecus", List.of(TestFleet.ecu(vin + "-1", "BMS", "hw", "1", false)));
            var taken = admin.post("/api/v1/vehicles", thief);
            assertThat(taken.status()).isEqualTo(409);
            assertThat(taken.code()).isEqualTo("ecu-serial-taken");
            assertThat(count("vehicle")).isEqualTo(vehicles);
            assertThat(count("ecu")).isEqualTo(ecus);
        }

        @Test
        void refusesBadInputWithAStableCodeAndWritesNothing() {
            long[] before = inventoryCounts();
            for (var bad : badBodies()) {
                var answer = admin.send(
                        "POST",
                        "/api/v1/vehicles",
                        bad.contentType(),
                        bad.body().getBytes());
                assertThat(answer.status())
                        .as(bad.name() + ": " + answer.body())
                        .isEqualTo(bad.status());
                assertThat(answer.contentType()).as(bad.name()).startsWith("application/problem+json");
                assertThat(answer.code()).as(bad.name()).isEqualTo(bad.code());
            }
            assertThat(inventoryCounts()).isEqualTo(before);
        }

        @Test
        void refusesABadReplaceWithoutWriting() {
            String vin = TestFleet.vin();
            admin.post("/api/v1/vehicles", TestFleet.vehicle(vin, "Taycan", 1));
            var noVersion = TestFleet.vehicle(vin, "Macan", 1);
            var answer = admin.put("/api/v1/vehicles/" + vin, noVersion);
            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.code()).isEqualTo("missing-field");

            var otherVin = TestFleet.vehicle(TestFleet.vin(), "Macan", 1);
            otherVin.put("version", 0);
            assertThat(admin.put("/api/v1/vehicles/" + vin, otherVin).code()).isEqualTo("vin-mismatch");

            var twoPrimaries = TestFleet.vehicle(vin, "Macan", 2);
            twoPrimaries.put("version", 0);
            ((List<Map<String, Object>>) twoPrimaries.get("ecus")).forEach(e -> e.put("primary", true));
            assertThat(admin.put("/api/v1/vehicles/" + vin, twoPrimaries).code())
                    .isEqualTo("multiple-primary-ecus");
            assertThat(admin.put("/api/v1/vehicles/" + TestFleet.vin(), twoPrimaries)
                            .status())
                    .isEqualTo(422);

            var missing = TestFleet.vehicle(TestFleet.vin(), "Macan", 1);
            missing.put("version", 0);
            missing.remove("vin");
            assertThat(admin.put("/api/v1/vehicles/" + TestFleet.vin(), missing).code())
                    .isEqualTo("vehicle-not-found");

            var stored = admin.get("/api/v1/vehicles/" + vin).json();
            assertThat(stored.get("model").asString()).isEqualTo("Taycan");
            assertThat(stored.get("version").asLong()).isZero();
        }

        @Test
        void listsVehiclesByFilterAndPage() {
            String model = "List" + TestFleet.vin().substring(9);
            List<String> vins = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String vin = TestFleet.vin();
                vins.add(vin);
                var v = TestFleet.vehicle(vin, model, 1);
                v.put("region", i == 0 ? "NA" : "EU");
                v.put("market", i == 0 ? "US" : "DE");
                v.put("customerType", i == 2 ? "FLEET" : "RETAIL");
                v.put("tags", i == 1 ? List.of("beta") : List.of());
                v.put("attributes", Map.of("trim", "T" + i, "paint", "red"));
                ((List<Map<String, Object>>) v.get("ecus")).get(0).put("hardwareId", "hw-" + model + "-" + i);
                assertThat(admin.post("/api/v1/vehicles", v).status()).isEqualTo(201);
            }
            var viewer = operatorWith(Role.VIEWER);
            assertThat(vinsOf(viewer, "model=" + model)).containsExactlyElementsOf(vins);
            assertThat(vinsOf(viewer, "model=" + model + "&region=EU")).containsExactly(vins.get(1), vins.get(2));
            assertThat(vinsOf(viewer, "model=" + model + "&market=US")).containsExactly(vins.get(0));
            assertThat(vinsOf(viewer, "model=" + model + "&customerType=FLEET")).containsExactly(vins.get(2));
            assertThat(vinsOf(viewer, "model=" + model + "&tag=beta")).containsExactly(vins.get(1));
            assertThat(vinsOf(viewer, "model=" + model + "&attr.trim=T2&attr.paint=red"))
                    .containsExactly(vins.get(2));
            assertThat(vinsOf(viewer, "model=" + model + "&attr.trim=T2&attr.paint=blue"))
                    .isEmpty();
            assertThat(vinsOf(viewer, "hardwareId=hw-" + model + "-1")).containsExactly(vins.get(1));

            var page = viewer.get("/api/v1/vehicles?model=" + model + "&size=2&page=1")
                    .json();
            assertThat(page.get("total").asLong()).isEqualTo(3);
            assertThat(page.get("items")).hasSize(1);
            assertThat(page.get("items").get(0).get("vin").asString()).isEqualTo(vins.get(2));
        }

        @Test
        void refusesBadPagingAndUnknownFilters() {
            for (String query : List.of(
                    "size=0", "size=501", "page=-1", "page=abc", "size=", "colour=red", "attr.=x", "model=a&model=b")) {
                var answer = admin.get("/api/v1/vehicles?" + query);
                assertThat(answer.status()).as(query).isEqualTo(400);
                assertThat(answer.code()).as(query).isEqualTo("invalid-parameter");
            }
        }

        @Test
        void readersMayReadButNotWrite() {
            var viewer = operatorWith(Role.VIEWER);
            long vehicles = count("vehicle");
            String vin = TestFleet.vin();
            var refused = viewer.post("/api/v1/vehicles", TestFleet.vehicle(vin, "Taycan", 1));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("permission-denied");
            assertThat(viewer.delete("/api/v1/vehicles/" + vin).status()).isEqualTo(403);
            assertThat(count("vehicle")).isEqualTo(vehicles);
            assertThat(viewer.get("/api/v1/vehicles?size=1").status()).isEqualTo(200);
        }

        @Test
        void firmwareInventoryCountsEcusAndVehiclesPerHardwareAndVersion() {
            String hw = "fw-" + TestFleet.vin();
            String model = "Fw" + TestFleet.vin().substring(10);
            register(model, "EU", ecu(hw, "1.0"), ecu(hw, "1.0"), ecu(hw + "-b", "7"));
            register(model, "NA", ecu(hw, "1.0"), ecu(hw, "2.0"));
            register("Other" + model, "EU", ecu(hw, "2.0"));
            var viewer = operatorWith(Role.VIEWER);

            assertThat(rows(viewer, "hardwareId=" + hw)).containsExactly(hw + " 1.0 3 2", hw + " 2.0 2 2");
            assertThat(rows(viewer, "model=" + model))
                    .containsExactly(hw + " 1.0 3 2", hw + " 2.0 1 1", hw + "-b 7 1 1");
            assertThat(rows(viewer, "model=" + model + "&region=EU&hardwareId=" + hw))
                    .containsExactly(hw + " 1.0 2 1");
            assertThat(rows(viewer, "")).contains(hw + " 1.0 3 2", hw + "-b 7 1 1");
            assertThat(viewer.get("/api/v1/inventory/firmware?model=" + "m".repeat(65))
                            .code())
                    .isEqualTo("invalid-parameter");
        }

        private void register(String model, String region, Map<String, Object>... ecus) {
            String vin = TestFleet.vin();
            var v = TestFleet.vehicle(vin, model, 0);
            v.put("region", region);
            List<Map<String, Object>> list = new ArrayList<>();
            for (int i = 0; i < ecus.length; i++) {
                var e = new java.util.LinkedHashMap<>(ecus[i]);
                e.put("serial", vin + "-" + i);
                list.add(e);
            }
            v.put("ecus", list);
            assertThat(admin.post("/api/v1/vehicles", v).status()).isEqualTo(201);
        }

        private static Map<String, Object> ecu(String hardwareId, String version) {
            return TestFleet.ecu("x", "BMS", hardwareId, version, false);
        }

        private static List<String> rows(ApiClient client, String query) {
            var answer = client.get("/api/v1/inventory/firmware?" + query);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            List<String> rows = new ArrayList<>();
            answer.json()
                    .get("items")
                    .forEach(r -> rows.add(r.get("hardwareId").asString() + " "
                            + r.get("softwareVersion").asString() + " "
                            + r.get("ecus").asLong() + " "
                            + r.get("vehicles").asLong()));
            return rows;
        }

        private static List<String> vinsOf(ApiClient client, String query) {
            var answer = client.get("/api/v1/vehicles?" + query);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            List<String> vins = new ArrayList<>();
            answer.json().get("items").forEach(v -> vins.add(v.get("vin").asString()));
            return vins;
        }

        private long ecusOf(String vin) {
            return jdbc.sql("SELECT COUNT(*) FROM ecu WHERE vin = :v")
                    .param("v", vin)
                    .query(Long.class)
                    .single();
        }

        long[] inventoryCounts() {
            return new long[] {count("vehicle"), count("ecu"), count("vehicle_attribute"), count("vehicle_tag")};
        }
    }

    record Bad(String name, String contentType, String body, int status, String code) {}

    static List<Bad> badBodies() {
        String json = "application/json";
        List<Bad> bad = new ArrayList<>();
        bad.add(new Bad("malformed JSON", json, "{\"vin\": ", 400, "malformed-body"));
        bad.add(new Bad("wrong shape", json, "[1, 2]", 400, "malformed-body"));
        bad.add(new Bad(
                "wrong content type",
                "text/plain",
                body(TestFleet.vehicle(TestFleet.vin(), "M", 1)),
                415,
                "unsupported-media-type"));
        for (String vin : List.of(
                "WP0ZZZ99ZTS39212",
                "WP0ZZZ99ZTS39212I",
                "WP0ZZZ99ZTS39212O",
                "WP0ZZZ99ZTS39212Q",
                "wp0zzz99zts392124")) {
            bad.add(new Bad("invalid VIN " + vin, json, body(TestFleet.vehicle(vin, "M", 1)), 422, "invalid-vin"));
        }
        var duplicate = TestFleet.vehicle(TestFleet.vin(), "M", 2);
        ((List<Map<String, Object>>) duplicate.get("ecus"))
                .get(1)
                .put(
                        "serial",
                        ((List<Map<String, Object>>) duplicate.get("ecus"))
                                .get(0)
                                .get("serial"));
        bad.add(new Bad("duplicate ECU serials", json, body(duplicate), 422, "duplicate-ecu-serial"));
        bad.add(new Bad("unknown ECU type", json, body(withEcu("type", "TOASTER")), 422, "unknown-ecu-type"));
        bad.add(new Bad(
                "unknown update policy",
                json,
                body(withEcu("updatePolicy", "WHENEVER")),
                422,
                "unknown-update-policy"));
        var twoPrimaries = TestFleet.vehicle(TestFleet.vin(), "M", 2);
        ((List<Map<String, Object>>) twoPrimaries.get("ecus")).forEach(e -> e.put("primary", true));
        bad.add(new Bad("two primaries", json, body(twoPrimaries), 422, "multiple-primary-ecus"));
        for (String field : List.of("vin", "model", "modelYear", "region", "market", "customerType", "connectivity")) {
            var missing = TestFleet.vehicle(TestFleet.vin(), "M", 1);
            missing.remove(field);
            bad.add(new Bad("missing " + field, json, body(missing), 422, "missing-field"));
        }
        bad.add(new Bad("missing ECU hardware id", json, body(withEcu("hardwareId", null)), 422, "missing-field"));
        var longModel = TestFleet.vehicle(TestFleet.vin(), "m".repeat(65), 1);
        bad.add(new Bad("too-long model", json, body(longModel), 422, "field-too-long"));
        bad.add(new Bad(
                "too-long ECU version", json, body(withEcu("softwareVersion", "1".repeat(65))), 422, "field-too-long"));
        var longAttribute = TestFleet.vehicle(TestFleet.vin(), "M", 1);
        longAttribute.put("attributes", Map.of("note", "x".repeat(257)));
        bad.add(new Bad("too-long attribute", json, body(longAttribute), 422, "field-too-long"));
        bad.add(new Bad("bad image hash", json, body(withEcu("imageHash", "abc")), 422, "invalid-field"));
        var badYear = TestFleet.vehicle(TestFleet.vin(), "M", 1);
        badYear.put("modelYear", 1800);
        bad.add(new Bad("model year out of range", json, body(badYear), 422, "invalid-field"));
        return bad;
    }

    private static Map<String, Object> withEcu(String field, Object value) {
        var v = TestFleet.vehicle(TestFleet.vin(), "M", 1);
        ((List<Map<String, Object>>) v.get("ecus")).get(0).put(field, value);
        return v;
    }

    private static String body(Object value) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(value);
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
