package io.pitwall.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class VehicleImportIntegrationTests {

    private static final String NDJSON = "application/x-ndjson";
    private static final String CSV = "text/csv";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    abstract static class Contract extends IntegrationTest {

        @Test
        void importsJsonLinesInChunksAndAReimportChangesNothing() {
            List<String> vins = new ArrayList<>();
            var body = new StringBuilder();
            for (int i = 0; i < 2_000; i++) {
                String vin = TestFleet.vin();
                vins.add(vin);
                body.append(JSON.writeValueAsString(TestFleet.vehicle(vin, "Bulk", 5)))
                        .append('\n');
            }
            long vehicles = count("vehicle");
            long ecus = count("ecu");
            long imports = importAudits();

            var first = report(importAs(admin, NDJSON, body.toString()));
            assertThat(counts(first)).containsExactly(2_000L, 2_000L, 0L, 0L, 0L);
            assertThat(count("vehicle")).isEqualTo(vehicles + 2_000);
            assertThat(count("ecu")).isEqualTo(ecus + 10_000);
            var one = admin.get("/api/v1/vehicles/" + vins.get(1_234)).json();
            assertThat(one.get("ecus")).hasSize(5);
            assertThat(one.get("attributes").get("trim").asString()).isEqualTo("GTS");
            String stampedAt = one.get("updatedAt").asString();

            var again = report(importAs(admin, NDJSON, body.toString()));
            assertThat(counts(again)).containsExactly(2_000L, 0L, 0L, 2_000L, 0L);
            var same = admin.get("/api/v1/vehicles/" + vins.get(1_234)).json();
            assertThat(same.get("version").asLong()).isZero();
            assertThat(same.get("updatedAt").asString()).isEqualTo(stampedAt);
            assertThat(count("ecu")).isEqualTo(ecus + 10_000);
            assertThat(importAudits()).as("one audit record per import").isEqualTo(imports + 2);
        }

        @Test
        void importsCsvWithSeveralEcusPerVehicleAndUpdatesOnlyWhatChanged() {
            String header = TestFleet.CSV_HEADER + "\n";
            List<String> vins = new ArrayList<>();
            var rows = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                vins.add(TestFleet.vin());
                rows.append(TestFleet.csvRows(vins.get(i), "Csv", 4));
            }
            assertThat(counts(report(importAs(admin, CSV, header + rows)))).containsExactly(50L, 50L, 0L, 0L, 0L);
            assertThat(admin.get("/api/v1/vehicles/" + vins.get(7)).json().get("ecus"))
                    .hasSize(4);

            String changedVin = vins.get(7);
            String changed = rows.toString()
                    .replace(changedVin + "-2,GATEWAY,hw-2,,1.0.2,", changedVin + "-2,GATEWAY,hw-2,,1.0.3,");
            var second = report(importAs(admin, CSV + "; charset=UTF-8", header + changed));
            assertThat(counts(second)).containsExactly(50L, 0L, 1L, 49L, 0L);
            var updated = admin.get("/api/v1/vehicles/" + changedVin).json();
            assertThat(updated.get("version").asLong()).isEqualTo(1);
            assertThat(updated.get("ecus").get(2).get("softwareVersion").asString())
                    .isEqualTo("1.0.3");
            assertThat(admin.get("/api/v1/vehicles/" + vins.get(8))
                            .json()
                            .get("version")
                            .asLong())
                    .isZero();
        }

        @Test
        void landsTheGoodLinesAndListsTheBadOnesWithTheirLineNumbers() {
            String owner = TestFleet.vin();
            admin.post("/api/v1/vehicles", TestFleet.vehicle(owner, "Owner", 1));
            String good1 = TestFleet.vin();
            String good2 = TestFleet.vin();
            var duplicate = TestFleet.vehicle(TestFleet.vin(), "Mix", 2);
            ecus(duplicate).get(1).put("serial", ecus(duplicate).get(0).get("serial"));
            var taken = TestFleet.vehicle(TestFleet.vin(), "Mix", 1);
            ecus(taken).get(0).put("serial", owner + "-0");
            var twoPrimaries = TestFleet.vehicle(TestFleet.vin(), "Mix", 2);
            ecus(twoPrimaries).forEach(e -> e.put("primary", true));
            var unknownType = TestFleet.vehicle(TestFleet.vin(), "Mix", 1);
            ecus(unknownType).get(0).put("type", "TOASTER");
            String body = String.join(
                            "\n",
                            line(TestFleet.vehicle(good1, "Mix", 2)),
                            "{\"vin\": \"broken",
                            line(TestFleet.vehicle("WP0ZZZ99ZTS39212I", "Mix", 1)),
                            "",
                            line(duplicate),
                            line(taken),
                            line(twoPrimaries),
                            line(unknownType),
                            line(TestFleet.vehicle(good2, "Mix", 1)))
                    + "\n";
            long vehicles = count("vehicle");

            var report = report(importAs(admin, NDJSON, body));
            assertThat(counts(report)).containsExactly(8L, 2L, 0L, 0L, 6L);
            assertThat(count("vehicle")).isEqualTo(vehicles + 2);
            assertThat(admin.get("/api/v1/vehicles/" + good2).status()).isEqualTo(200);
            List<String> rejected = new ArrayList<>();
            report.get("rejections")
                    .forEach(r -> rejected.add(
                            r.get("line").asLong() + " " + r.get("code").asString()));
            assertThat(rejected)
                    .containsExactlyInAnyOrder(
                            "2 malformed-line",
                            "3 invalid-vin",
                            "5 duplicate-ecu-serial",
                            "6 ecu-serial-taken",
                            "7 multiple-primary-ecus",
                            "8 unknown-ecu-type");
            assertThat(report.get("rejectionsTruncated").asBoolean()).isFalse();
        }

        /**
         * Chunks of 1,000 lines may be written on two connections at once; the outcome must still be that
         * of applying the lines one by one in input order.
         */
        @Test
        void judgesSerialsAcrossChunksInInputOrder() {
            String released = TestFleet.vin();
            admin.post("/api/v1/vehicles", TestFleet.vehicle(released, "Mover", 1));
            String movedSerial = released + "-0";
            var lines = new ArrayList<String>();
            var update = TestFleet.vehicle(released, "Mover", 1);
            ecus(update).get(0).put("serial", released + "-new");
            lines.add(line(update));
            List<String> fillers = new ArrayList<>();
            for (int i = 0; i < 1_100; i++) {
                fillers.add(TestFleet.vin());
                lines.add(line(TestFleet.vehicle(fillers.get(i), "Filler", 1)));
            }
            String taker = TestFleet.vin();
            var takesReleased = TestFleet.vehicle(taker, "Taker", 1);
            ecus(takesReleased).get(0).put("serial", movedSerial);
            lines.add(line(takesReleased));
            var takesFillers = TestFleet.vehicle(TestFleet.vin(), "Taker", 1);
            ecus(takesFillers).get(0).put("serial", fillers.get(3) + "-0");
            lines.add(line(takesFillers));
            long vehicles = count("vehicle");

            var report = report(importAs(admin, NDJSON, String.join("\n", lines) + "\n"));
            assertThat(counts(report)).containsExactly(1_103L, 1_101L, 1L, 0L, 1L);
            assertThat(report.get("rejections").get(0).get("line").asLong()).isEqualTo(1_103);
            assertThat(report.get("rejections").get(0).get("code").asString()).isEqualTo("ecu-serial-taken");
            assertThat(count("vehicle")).isEqualTo(vehicles + 1_101);
            assertThat(admin.get("/api/v1/vehicles/" + taker)
                            .json()
                            .get("ecus")
                            .get(0)
                            .get("serial")
                            .asString())
                    .isEqualTo(movedSerial);
        }

        /** Rows of one VIN that are not adjacent are a second vehicle with that VIN, not more ECUs of the first. */
        @Test
        void rejectsTheRowsOfAVinThatReappearsInACsvAndKeepsTheFirstGroup() {
            String split = TestFleet.vin();
            String between = TestFleet.vin();
            String later = TestFleet.csvRows(split, "Split", 4)
                    .lines()
                    .skip(2)
                    .map(row -> row + "\n")
                    .collect(Collectors.joining());
            String csv = TestFleet.CSV_HEADER + "\n" + TestFleet.csvRows(split, "Split", 2)
                    + TestFleet.csvRows(between, "Between", 1) + later;

            var report = report(importAs(admin, CSV, csv));

            assertThat(counts(report)).containsExactly(3L, 2L, 0L, 0L, 1L);
            assertThat(rejections(report)).containsExactly("5 duplicate-vin " + split);
            assertThat(admin.get("/api/v1/vehicles/" + split).json().get("ecus"))
                    .extracting(e -> e.get("serial").asString())
                    .containsExactly(split + "-0", split + "-1");
        }

        /** The JSON Lines twin of the CSV case: a VIN is given once per import, however far apart. */
        @Test
        void rejectsAVinRepeatedInJsonLinesEvenChunksApart() {
            String twice = TestFleet.vin();
            var lines = new ArrayList<String>();
            lines.add(line(TestFleet.vehicle(twice, "First", 2)));
            for (int i = 0; i < 1_100; i++) {
                lines.add(line(TestFleet.vehicle(TestFleet.vin(), "Filler", 1)));
            }
            lines.add(line(TestFleet.vehicle(twice, "Second", 3)));
            lines.add(line(TestFleet.vehicle(twice, "Third", 1)));

            var report = report(importAs(admin, NDJSON, String.join("\n", lines) + "\n"));

            assertThat(counts(report)).containsExactly(1_103L, 1_101L, 0L, 0L, 2L);
            assertThat(rejections(report))
                    .containsExactly("1102 duplicate-vin " + twice, "1103 duplicate-vin " + twice);
            var stored = admin.get("/api/v1/vehicles/" + twice).json();
            assertThat(stored.get("model").asString()).isEqualTo("First");
            assertThat(stored.get("version").asLong()).isZero();
        }

        /**
         * A CSV syntax error or an over-long row costs only the vehicle it belongs to: the rows after it are
         * read, imported and counted, as a bad JSON line is in JSON Lines.
         */
        @Test
        void rejectsMalformedCsvRowsAndImportsTheRowsAfterThem() {
            String good1 = TestFleet.vin();
            String strayQuote = TestFleet.vin();
            String huge = TestFleet.vin();
            String good2 = TestFleet.vin();
            String unclosed = TestFleet.vin();
            String brokenInside = TestFleet.vin();
            String good3 = TestFleet.vin();
            String inside = TestFleet.csvRows(brokenInside, "Broken", 3);
            String csv = TestFleet.CSV_HEADER + "\n"
                    + TestFleet.csvRows(good1, "Good", 2)
                    + TestFleet.csvRows(strayQuote, "Good", 1).replace(",Good,", ",\"Go\"od,")
                    + TestFleet.csvRows(huge, "Good", 1).replace(",GTS,", "," + "x".repeat(1_048_577) + ",")
                    + TestFleet.csvRows(good2, "Good", 1)
                    + TestFleet.csvRows(unclosed, "Good", 1).replace(",Good,", ",\"Good,")
                    + inside.replace(",1.0.1,", ",\"1.0.1\"x,")
                    + TestFleet.csvRows(good3, "Good", 2);
            long vehicles = count("vehicle");

            var report = report(importAs(admin, CSV, csv));

            assertThat(counts(report)).containsExactly(7L, 3L, 0L, 0L, 4L);
            assertThat(rejections(report))
                    .containsExactlyInAnyOrder(
                            "4 malformed-csv " + strayQuote,
                            "5 line-too-long " + huge,
                            "7 malformed-csv " + unclosed,
                            "9 malformed-csv " + brokenInside);
            assertThat(count("vehicle")).isEqualTo(vehicles + 3);
            assertThat(admin.get("/api/v1/vehicles/" + good3).json().get("ecus"))
                    .hasSize(2);
            assertThat(admin.get("/api/v1/vehicles/" + brokenInside).status())
                    .as("a vehicle lands whole or not at all")
                    .isEqualTo(404);
        }

        @Test
        void countsEveryRejectionButListsOnlyTheFirstThousand() {
            var body = new StringBuilder();
            for (int i = 0; i < 1_005; i++) {
                body.append("{\"vin\": \"NOT-A-VIN\"}\n");
            }
            var report = report(importAs(admin, NDJSON, body.toString()));
            assertThat(report.get("rejected").asLong()).isEqualTo(1_005);
            assertThat(report.get("rejections")).hasSize(1_000);
            assertThat(report.get("rejectionsTruncated").asBoolean()).isTrue();
        }

        @Test
        void refusesEmptyBodiesUnsupportedTypesAndBadCsvHeadersWithoutWriting() {
            long vehicles = count("vehicle");
            String oneVehicle = line(TestFleet.vehicle(TestFleet.vin(), "Refused", 1));
            assertRefused(importAs(admin, NDJSON, ""), 400, "empty-import");
            assertRefused(importAs(admin, NDJSON, "\n\n  \n"), 400, "empty-import");
            assertRefused(importAs(admin, CSV, ""), 400, "empty-import");
            assertRefused(importAs(admin, "application/json", oneVehicle), 415, "unsupported-media-type");
            assertRefused(importAs(admin, NDJSON + "; charset=ISO-8859-1", oneVehicle), 415, "unsupported-media-type");
            assertRefused(importAs(admin, null, oneVehicle), 415, "unsupported-media-type");
            assertRefused(importAs(admin, CSV, "vin,model,colour\n"), 400, "invalid-csv-header");
            assertRefused(importAs(operatorWith(Role.VIEWER), NDJSON, oneVehicle), 403, "permission-denied");
            assertThat(count("vehicle")).isEqualTo(vehicles);
        }

        private long importAudits() {
            return jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'vehicle.import'")
                    .query(Long.class)
                    .single();
        }
    }

    private static ApiClient.Response importAs(ApiClient client, String contentType, String body) {
        return client.send("POST", "/api/v1/vehicles/import", contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode report(ApiClient.Response answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** received, created, updated, unchanged, rejected. */
    private static List<Long> counts(JsonNode report) {
        return List.of(
                report.get("received").asLong(),
                report.get("created").asLong(),
                report.get("updated").asLong(),
                report.get("unchanged").asLong(),
                report.get("rejected").asLong());
    }

    /** "line code vin" of each listed rejection, in the report's order. */
    private static List<String> rejections(JsonNode report) {
        List<String> listed = new ArrayList<>();
        report.get("rejections")
                .forEach(r ->
                        listed.add(r.get("line").asLong() + " " + r.get("code").asString() + " "
                                + (r.get("vin") == null || r.get("vin").isNull()
                                        ? "-"
                                        : r.get("vin").asString())));
        return listed;
    }

    private static void assertRefused(ApiClient.Response answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo(code);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> ecus(Map<String, Object> vehicle) {
        return (List<Map<String, Object>>) vehicle.get("ecus");
    }

    private static String line(Object vehicle) {
        return JSON.writeValueAsString(vehicle);
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
