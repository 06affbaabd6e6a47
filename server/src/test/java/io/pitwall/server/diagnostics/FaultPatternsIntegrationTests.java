package io.pitwall.server.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Vehicles report DTCs through the real device API; the recurring-patterns API ranks code × model × ECU type ×
 * firmware by observations with exact distinct-vehicle counts and a trend, as JSON and RFC 4180 CSV, from a
 * rollup that must equal the raw aggregation.
 */
class FaultPatternsIntegrationTests {

    private static final AtomicLong MODELS = new AtomicLong();
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2); // a Monday

    abstract static class Contract extends IntegrationTest {

        /** A vehicle of the model with one BMS ECU on the firmware, and its device client. */
        record Car(String vin, String ecu, ApiClient client, long[] seq) {}

        String uniqueModel(String name) {
            return name + "-" + MODELS.incrementAndGet() + "-" + getClass().getSimpleName();
        }

        Car car(String model, String firmware) {
            var fleet = new TestFleet(jdbc, admin);
            String hw = "PAT-HW-" + MODELS.incrementAndGet();
            String vin = fleet.vehicle(model, "EU", firmware, hw);
            return new Car(vin, hw + "-" + vin, fleet.credentialFor(vin), new long[] {0});
        }

        void report(Car car, LocalDate day, String... codes) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (String code : codes) {
                // A minute apart: the same code at the same instant would be one report sent twice (DUPLICATE).
                long seq = ++car.seq()[0];
                events.add(Map.of(
                        "seq",
                        seq,
                        "type",
                        "DTC_REPORT",
                        "ecuSerial",
                        car.ecu(),
                        "code",
                        code,
                        "occurredAt",
                        day.atTime(10, 0)
                                .plusMinutes(seq)
                                .toInstant(ZoneOffset.UTC)
                                .toString()));
            }
            var answer = car.client().post("/device/v1/vehicles/" + car.vin() + "/events", Map.of("events", events));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }

        ApiClient.Response patterns(String query) {
            return operatorWith(Role.SUPPORT_AGENT).get("/api/v1/faults/patterns?" + query);
        }

        static String enc(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }

        @Test
        void ranksCodesByObservationsWithDistinctVehiclesAndADailyTrend() {
            String model = uniqueModel("Ranker");
            Car a = car(model, "4.0.1");
            Car b = car(model, "4.0.1");
            report(a, DAY, "P0A80", "P0A80", "U0100");
            report(a, DAY.plusDays(2), "P0A80");
            report(b, DAY.plusDays(2), "P0A80");

            var answer = patterns("since=2026-03-02&until=2026-03-04&model=" + enc(model));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode list = answer.json().get("patterns");
            assertThat(list).hasSize(2);
            JsonNode top = list.get(0);
            assertThat(top.get("code").asString()).isEqualTo("P0A80");
            assertThat(top.get("model").asString()).isEqualTo(model);
            assertThat(top.get("ecuType").asString()).isEqualTo("BMS");
            assertThat(top.get("firmwareVersion").asString()).isEqualTo("4.0.1");
            assertThat(top.get("observations").asLong()).isEqualTo(4);
            assertThat(top.get("vehicles").asLong())
                    .as("distinct over the period, not a sum of days")
                    .isEqualTo(2);
            JsonNode trend = top.get("trend");
            assertThat(trend).hasSize(3);
            assertThat(trend.get(0).get("start").asString()).isEqualTo("2026-03-02");
            assertThat(trend.get(0).get("observations").asLong()).isEqualTo(2);
            assertThat(trend.get(0).get("vehicles").asLong()).isEqualTo(1);
            assertThat(trend.get(1).get("observations").asLong())
                    .as("a quiet day is zero")
                    .isZero();
            assertThat(trend.get(2).get("observations").asLong()).isEqualTo(2);
            assertThat(trend.get(2).get("vehicles").asLong()).isEqualTo(2);
            assertThat(list.get(1).get("code").asString()).isEqualTo("U0100");
            assertThat(list.get(1).get("observations").asLong()).isEqualTo(1);

            var onlyTop = patterns("since=2026-03-02&until=2026-03-04&top=1&model=" + enc(model));
            assertThat(onlyTop.json().get("patterns")).hasSize(1);
            var otherType = patterns("since=2026-03-02&until=2026-03-04&ecuType=adas&model=" + enc(model));
            assertThat(otherType.json().get("patterns")).isEmpty();
            var outside = patterns("since=2026-03-05&until=2026-03-09&model=" + enc(model));
            assertThat(outside.json().get("patterns")).isEmpty();
        }

        @Test
        void weeklyBucketsStartOnMondayAndCountVehiclesOncePerWeek() {
            String model = uniqueModel("Weekly");
            Car a = car(model, "5.0.0");
            report(a, DAY.minusDays(1), "C1234");
            report(a, DAY, "C1234");
            report(a, DAY.plusDays(6), "C1234");
            report(a, DAY.plusDays(7), "C1234", "C1234");

            var answer = patterns("since=2026-02-28&until=2026-03-10&bucket=week&firmware=5.0.0&model=" + enc(model));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode pattern = answer.json().get("patterns").get(0);
            assertThat(pattern.get("observations").asLong()).isEqualTo(5);
            assertThat(pattern.get("vehicles").asLong()).isEqualTo(1);
            JsonNode trend = pattern.get("trend");
            assertThat(trend).hasSize(3);
            assertThat(trend.get(0).get("start").asString())
                    .as("cut by the range")
                    .isEqualTo("2026-02-28");
            assertThat(trend.get(0).get("observations").asLong()).isEqualTo(1);
            assertThat(trend.get(1).get("start").asString()).isEqualTo("2026-03-02");
            assertThat(trend.get(1).get("observations").asLong()).isEqualTo(2);
            assertThat(trend.get(1).get("vehicles").asLong()).isEqualTo(1);
            assertThat(trend.get(2).get("start").asString()).isEqualTo("2026-03-09");
            assertThat(trend.get(2).get("observations").asLong()).isEqualTo(2);
        }

        @Test
        void csvIsRfc4180WithOneRowPerPatternAndBucketAndQuotedFields() {
            String model = uniqueModel("Model \"S\", long");
            Car a = car(model, "6.1");
            report(a, DAY, "B1000");
            String query = "since=2026-03-02&until=2026-03-03&model=" + enc(model);

            var byAccept = operatorWith(Role.SUPPORT_AGENT).get("/api/v1/faults/patterns?" + query, "text/csv");
            assertThat(byAccept.status()).as(byAccept.body()).isEqualTo(200);
            assertThat(byAccept.contentType()).startsWith("text/csv");
            String quoted = "\"" + model.replace("\"", "\"\"") + "\"";
            assertThat(byAccept.body())
                    .isEqualTo("code,model,ecu_type,firmware_version,observations,vehicles,"
                            + "bucket_start,bucket_observations,bucket_vehicles\r\n"
                            + "B1000," + quoted + ",BMS,6.1,1,1,2026-03-02,1,1\r\n"
                            + "B1000," + quoted + ",BMS,6.1,1,1,2026-03-03,0,0\r\n");
            var byFormat = patterns(query + "&format=csv");
            assertThat(byFormat.contentType()).startsWith("text/csv");
            assertThat(byFormat.body()).isEqualTo(byAccept.body());
        }

        @Test
        void csvCellsAFormulaCouldBeReadFromStartWithAQuote() {
            String model = "=HYPERLINK(\"http://evil\")" + uniqueModel("");
            Car a = car(model, "+6.1");
            report(a, DAY, "B1000");

            var csv = patterns("since=2026-03-02&until=2026-03-02&format=csv&model=" + enc(model));
            assertThat(csv.status()).as(csv.body()).isEqualTo(200);
            String cell = "\"'" + model.replace("\"", "\"\"") + "\"";
            assertThat(csv.body())
                    .contains("B1000," + cell + ",BMS,'+6.1,1,1,2026-03-02,1,1\r\n")
                    .doesNotContain("," + model.substring(0, 5));
        }

        @Test
        void theRollupEqualsTheRawAggregationOfStoredObservations() {
            String model = uniqueModel("Raw");
            Car a = car(model, "7.0");
            Car b = car(model, "7.1");
            report(a, DAY, "P0301", "P0301", "U0100-87");
            report(a, DAY.plusDays(1), "P0301");
            report(b, DAY, "P0301", "P0302");
            report(b, DAY.plusDays(3), "U0100");

            Map<String, Long> raw = new TreeMap<>();
            jdbc.sql("""
                    SELECT r.occurred_at, o.code, v.model, r.ecu_type, r.firmware_version, r.vin
                    FROM fault_observation o JOIN dtc_report r ON r.id = o.report_id JOIN vehicle v ON v.vin = r.vin
                    WHERE v.model = :model""").param("model", model).query(rs -> {
                long day = rs.getObject(1, OffsetDateTime.class)
                        .toInstant()
                        .atOffset(ZoneOffset.UTC)
                        .toLocalDate()
                        .toEpochDay();
                raw.merge(
                        day + "|" + rs.getString(2).trim() + "|" + rs.getString(4) + "|" + rs.getString(5) + "|"
                                + rs.getString(6).trim(),
                        1L,
                        Long::sum);
            });
            Map<String, Long> rollup = new TreeMap<>();
            jdbc.sql("""
                    SELECT epoch_day, code, ecu_type, firmware_version, vin, observations FROM fault_pattern_day
                    WHERE model = :model""").param("model", model).query(rs -> {
                rollup.put(
                        rs.getInt(1) + "|" + rs.getString(2).trim() + "|" + rs.getString(3) + "|" + rs.getString(4)
                                + "|" + rs.getString(5).trim(),
                        rs.getLong(6));
            });
            assertThat(raw).hasSize(6);
            assertThat(rollup).isEqualTo(raw);

            Map<String, Long> rawPerDay = new TreeMap<>();
            raw.forEach((key, n) -> rawPerDay.merge(key.substring(0, key.lastIndexOf('|')), n, Long::sum));
            Map<String, Long> counts = new TreeMap<>();
            jdbc.sql("""
                    SELECT epoch_day, code, ecu_type, firmware_version, observations FROM fault_pattern_count
                    WHERE model = :model
                    UNION ALL
                    SELECT epoch_day, code, ecu_type, firmware_version, observations FROM fault_pattern_delta
                    WHERE model = :model""").param("model", model).query(rs -> {
                counts.merge(
                        rs.getInt(1) + "|" + rs.getString(2).trim() + "|" + rs.getString(3) + "|" + rs.getString(4),
                        rs.getLong(5),
                        Long::sum);
            });
            assertThat(counts).isEqualTo(rawPerDay);
        }

        @Test
        void badParametersAreRefusedWithAStableCodeAndNothingWritten() {
            ApiClient reader = operatorWith(Role.SUPPORT_AGENT);
            long rollup = count("fault_pattern_day") + count("fault_pattern_count") + count("fault_pattern_delta");
            long audit = count("audit_record");
            Map<String, String> cases = Map.of(
                    "since=yesterday", "invalid-since",
                    "until=2026-13-01", "invalid-until",
                    "since=2026-03-05&until=2026-03-01", "invalid-range",
                    "since=2024-01-01&until=2026-03-01", "invalid-range",
                    "top=0", "invalid-top",
                    "top=many", "invalid-top",
                    "bucket=month", "invalid-bucket",
                    "ecuType=toaster", "invalid-ecu-type",
                    "format=xml", "invalid-format");
            cases.forEach((query, code) -> {
                var answer = reader.get("/api/v1/faults/patterns?" + query);
                assertThat(answer.status()).as(query).isEqualTo(400);
                assertThat(answer.contentType()).as(query).startsWith("application/problem+json");
                assertThat(answer.code()).as(query).isEqualTo(code);
            });
            assertThat(count("fault_pattern_day") + count("fault_pattern_count") + count("fault_pattern_delta"))
                    .isEqualTo(rollup);
            assertThat(count("audit_record")).isEqualTo(audit);
        }

        @Test
        void needsDiagnosticsRead() {
            var answer = operatorWith(Role.SECURITY_OFFICER).get("/api/v1/faults/patterns");
            assertThat(answer.status()).isEqualTo(403);
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
