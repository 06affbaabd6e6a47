package io.pitwall.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/vehicles?filter=} and {@code /count}: what each RSQL selector selects, on both databases. */
class VehicleFilterIntegrationTests {

    private static final AtomicInteger FLEETS = new AtomicInteger();

    abstract static class Contract extends IntegrationTest {

        record Part(String type, String hardwareId, String variant, String version) {}

        String model;
        ApiClient reader;
        final Map<String, String> vins = new LinkedHashMap<>();

        @BeforeEach
        void fleet() {
            model = "Aurora-" + FLEETS.incrementAndGet() + "-" + getClass().getSimpleName();
            reader = operatorWith(Role.AUDITOR);
            vehicle(
                    "A",
                    2024,
                    "EU",
                    "PRIVATE",
                    "CELLULAR",
                    Map.of("color", "red"),
                    List.of("pilot"),
                    new Part("BMS", "BMS-A", "V1", "2.3.9"),
                    new Part("GATEWAY", "GW-1" + model, null, "1.0.0"));
            vehicle(
                    "B",
                    2025,
                    "UK",
                    "FLEET",
                    "WIFI",
                    Map.of("color", "blue"),
                    List.of("pilot", "internal"),
                    new Part("BMS", "BMS-A", null, "2.10.0"));
            vehicle(
                    "C",
                    2023,
                    "US",
                    "PRIVATE",
                    "CELLULAR",
                    Map.of(),
                    List.of(),
                    new Part("BMS", "BMS-B", "V2", "2.4.0-rc.1"));
            vehicle(
                    "D",
                    2025,
                    "EU",
                    "FLEET",
                    "CELLULAR",
                    Map.of("color", "red"),
                    List.of(),
                    new Part("BMS", "BMS-B", null, "2.9.0"));
        }

        void vehicle(
                String name,
                int year,
                String region,
                String customerType,
                String connectivity,
                Map<String, String> attributes,
                List<String> tags,
                Part... ecus) {
            String vin = TestFleet.vin();
            OffsetDateTime now = OffsetDateTime.now();
            jdbc.sql("""
                    INSERT INTO vehicle (vin, model, model_year, region, market, customer_type, connectivity, version,
                        created_at, updated_at)
                    VALUES (:vin, :model, :year, :region, 'DE', :ct, :conn, 0, :now, :now)""")
                    .param("vin", vin)
                    .param("model", model)
                    .param("year", year)
                    .param("region", region)
                    .param("ct", customerType)
                    .param("conn", connectivity)
                    .param("now", now)
                    .update();
            attributes.forEach(
                    (k, v) -> jdbc.sql("INSERT INTO vehicle_attribute (vin, name, attr_value) VALUES (?, ?, ?)")
                            .params(vin, k, v)
                            .update());
            tags.forEach(t -> jdbc.sql("INSERT INTO vehicle_tag (vin, tag) VALUES (?, ?)")
                    .params(vin, t)
                    .update());
            for (Part ecu : ecus) {
                jdbc.sql("""
                        INSERT INTO ecu (serial, vin, ecu_type, hardware_id, hardware_variant, software_version,
                            update_policy, is_primary) VALUES (?, ?, ?, ?, ?, ?, 'REMOTE', FALSE)""")
                        .params(vin + "-" + ecu.type(), vin, ecu.type(), ecu.hardwareId(), ecu.variant(), ecu.version())
                        .update();
            }
            vins.put(name, vin);
        }

        ApiClient.Response list(String query) {
            return reader.get("/api/v1/vehicles?size=100&" + query);
        }

        static String filter(String rsql) {
            return "filter=" + URLEncoder.encode(rsql, StandardCharsets.UTF_8);
        }

        Set<String> selected(String rsql) {
            var answer = list(filter("model==\"" + model + "\";(" + rsql + ")"));
            assertThat(answer.status()).as(rsql + ": " + answer.body()).isEqualTo(200);
            Set<String> names = new HashSet<>();
            answer.json()
                    .get("items")
                    .forEach(item -> vins.forEach((name, vin) -> {
                        if (vin.equals(item.get("vin").asString())) {
                            names.add(name);
                        }
                    }));
            assertThat(answer.json().get("items").size()).as(rsql).isEqualTo(names.size());
            return names;
        }

        @Test
        void eachSelectorAndOperatorSelectsExactlyTheMatchingVehicles() {
            Map<String, String> table = new LinkedHashMap<>();
            table.put("vin==" + vins.get("C"), "C");
            table.put("region=in=(EU,UK)", "ABD");
            table.put("region=out=(EU,UK)", "C");
            table.put("region!=EU", "BC");
            table.put("market==DE", "ABCD");
            table.put("modelYear=ge=2025", "BD");
            table.put("modelYear=lt=2024", "C");
            table.put("modelYear=le=2024", "AC");
            table.put("modelYear=gt=2024", "BD");
            table.put("modelYear=in=(2023,2025)", "BCD");
            table.put("customerType==FLEET", "BD");
            table.put("connectivity==WIFI", "B");
            table.put("attr.color==red", "AD");
            table.put("attr.color!=red", "BC");
            table.put("attr.color=in=(blue,green)", "B");
            table.put("tag==pilot", "AB");
            table.put("tag=in=(internal,none)", "B");
            table.put("tag!=pilot", "CD");
            table.put("ecu.BMS.version=lt=2.4.0", "AC");
            table.put("ecu.BMS.version=gt=2.9.0", "B");
            table.put("ecu.BMS.version=ge=2.4.0", "BD");
            table.put("ecu.BMS.version=le=2.4.0-rc.1", "AC");
            table.put("ecu.BMS.version==2.9.0", "D");
            table.put("ecu.BMS.version!=2.9.0", "ABC");
            table.put("ecu.BMS.version=out=(2.9.0,2.10.0)", "AC");
            table.put("ecu.BMS.hardwareId==BMS-B", "CD");
            table.put("ecu.BMS.hardwareVariant==V1", "A");
            table.put("ecu.hardwareId==\"GW-1" + model + "\"", "A");
            table.put("ecu.GATEWAY.version=lt=2.0.0", "A");
            table.put("ecu.ADAS.version=lt=9.0.0", "");
            table.put("(region==EU,connectivity==WIFI);attr.color==red", "AD");
            table.put("region==EU,region==US", "ACD");
            table.put("region==EU;modelYear==2025,tag==internal", "BD");
            List<String> mismatches = new ArrayList<>();
            table.forEach((rsql, expected) -> {
                Set<String> want = new HashSet<>();
                expected.chars().forEach(c -> want.add(String.valueOf((char) c)));
                Set<String> got = selected(rsql);
                if (!got.equals(want)) {
                    mismatches.add(rsql + " selected " + got + ", expected " + want);
                }
            });
            assertThat(mismatches).isEmpty();
        }

        @Test
        void countsAndCombinesWithTheOlderParameters() {
            var count = reader.get("/api/v1/vehicles/count?region=EU&" + filter("model==\"" + model + "\""));
            assertThat(count.status()).as(count.body()).isEqualTo(200);
            assertThat(count.json().get("count").asLong()).isEqualTo(2);
            var page = list("model=" + model + "&tag=pilot&" + filter("ecu.BMS.version=ge=2.4.0"));
            assertThat(page.json().get("total").asLong()).isEqualTo(1);
            assertThat(page.json().get("items").get(0).get("vin").asString()).isEqualTo(vins.get("B"));
            assertThat(list("model=" + model).json().get("total").asLong()).isEqualTo(4);
        }

        @Test
        void injectionAttemptsAreInert() {
            long vehicles = count("vehicle");
            for (String value :
                    List.of("x';DROP TABLE vehicle;--", "x' OR '1'='1", "1) OR (1=1", "\\'; DELETE FROM ecu; --")) {
                String quoted = "\"" + value + "\"";
                for (String selector : List.of("model", "attr.color", "tag", "ecu.BMS.hardwareId", "vin")) {
                    var answer = list(filter(selector + "==" + quoted));
                    assertThat(answer.status())
                            .as(selector + "==" + quoted + " " + answer.body())
                            .isEqualTo(200);
                    assertThat(answer.json().get("total").asLong())
                            .as(selector + "==" + quoted)
                            .isZero();
                }
            }
            for (String trick : List.of(
                    "model;DROP TABLE vehicle==x",
                    "v.vin==x",
                    "attr.x' OR 1=1--==1",
                    "ecu.BMS'.version==1",
                    "ecu.BMS.version=lt=1.0.0' OR '1'='1",
                    "model==a;1==1",
                    "modelYear==2024 OR 1=1",
                    "model==x);DROP TABLE vehicle;--")) {
                var answer = list(filter(trick));
                assertThat(answer.status()).as(trick + " " + answer.body()).isEqualTo(400);
                assertThat(answer.code()).as(trick).isEqualTo("invalid-target-filter");
                assertThat(answer.contentType()).startsWith("application/problem+json");
            }
            assertThat(count("vehicle")).isEqualTo(vehicles);
            assertThat(count("ecu")).isPositive();
        }

        @Test
        void badFiltersAreRefusedWithTheirPosition() {
            var unbalanced = list(filter("model==A;(region==EU"));
            assertThat(unbalanced.status()).isEqualTo(400);
            assertThat(unbalanced.code()).isEqualTo("invalid-target-filter");
            assertThat(unbalanced.json().get("detail").asString()).contains("column");
            var ordering = reader.get("/api/v1/vehicles/count?" + filter("region=lt=EU"));
            assertThat(ordering.status()).isEqualTo(400);
            assertThat(ordering.json().get("detail").asString()).contains("'region'");
            var tooLong = list(filter("model==" + "A".repeat(4001)));
            assertThat(tooLong.status()).isEqualTo(400);
            assertThat(list("filter=a&filter=b").code()).isEqualTo("invalid-parameter");
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
