package io.pitwall.server.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A vehicle reports DTCs through the real device API in each raw format; the faults API shows them normalized
 * with the ECU's type and firmware, flags malformed reports, and says insufficient-data rather than healthy.
 */
class FaultsIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();

    abstract static class Contract extends IntegrationTest {

        String vin;
        String ecu;
        String hardwareId;
        ApiClient vehicle;
        long seq;

        @BeforeEach
        void aVehicleWithOneBmsEcu() {
            var fleet = new TestFleet(jdbc, admin);
            hardwareId =
                    "DTC-HW-" + HARDWARE.incrementAndGet() + "-" + getClass().getSimpleName();
            vin = fleet.vehicle("Dtc-" + hardwareId, "EU", "3.1.4", hardwareId);
            ecu = hardwareId + "-" + vin;
            vehicle = fleet.credentialFor(vin);
            seq = 0;
        }

        long report(String ecuSerial, String code, String detail, Instant occurredAt) {
            Map<String, Object> event =
                    new HashMap<>(Map.of("seq", ++seq, "type", "DTC_REPORT", "occurredAt", occurredAt.toString()));
            if (ecuSerial != null) {
                event.put("ecuSerial", ecuSerial);
            }
            if (code != null) {
                event.put("code", code);
            }
            if (detail != null) {
                event.put("detail", detail);
            }
            var answer = vehicle.post("/device/v1/vehicles/" + vin + "/events", Map.of("events", List.of(event)));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer.json().get("ackedThroughSeq").asLong();
        }

        JsonNode faults() {
            var answer = operatorWith(Role.SUPPORT_AGENT).get("/api/v1/vehicles/" + vin + "/faults");
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer.json();
        }

        @Test
        void udsBytesAreShownAsJ2012CodesWithEveryStatusBitAndTheEcusFirmware() {
            report(
                    ecu,
                    null,
                    "uds:59 02 FF 0A 80 1B 2F C1 00 87 88",
                    Instant.now().minusSeconds(60));
            JsonNode answer = faults();
            assertThat(answer.get("dataQuality").get("status").asString()).isEqualTo("ok");
            JsonNode bms = answer.get("ecus").get(0);
            assertThat(bms.get("ecuSerial").asString()).isEqualTo(ecu);
            assertThat(bms.get("ecuType").asString()).isEqualTo("BMS");
            assertThat(bms.get("firmwareVersion").asString()).isEqualTo("3.1.4");
            assertThat(bms.get("sourceFormat").asString()).isEqualTo("UDS");
            JsonNode first = bms.get("faults").get(0);
            assertThat(first.get("code").asString()).isEqualTo("P0A80");
            assertThat(first.get("displayCode").asString()).isEqualTo("P0A80-1B");
            assertThat(first.get("dtcHex").asString()).isEqualTo("0A801B");
            assertThat(first.get("status").get("mask").asString()).isEqualTo("0x2F");
            assertThat(first.get("status").get("confirmedDTC").asBoolean()).isTrue();
            assertThat(first.get("status").get("testNotCompletedSinceLastClear").asBoolean())
                    .isFalse();
            JsonNode second = bms.get("faults").get(1);
            assertThat(second.get("displayCode").asString()).isEqualTo("U0100-87");
            assertThat(second.get("status").get("warningIndicatorRequested").asBoolean())
                    .isTrue();
            assertThat(second.get("status").get("testFailed").asBoolean()).isFalse();
        }

        @Test
        void oemJsonCarriesSeverityAndVehicleStateAndTheLatestReportPerEcuIsCurrent() {
            report(ecu, null, """
                    {"dtcs":[{"code":"B1000","status":"0x09","severity":"0x80"}],
                     "vehicleState":{"Vehicle.Speed":42.0,"Vehicle.LowVoltageSystemState":"ON"}}""", Instant.now().minusSeconds(120));
            JsonNode fault = faults().get("ecus").get(0).get("faults").get(0);
            assertThat(fault.get("displayCode").asString()).isEqualTo("B1000");
            assertThat(fault.get("severity").get("checkImmediately").asBoolean())
                    .isTrue();
            assertThat(faults().get("ecus")
                            .get(0)
                            .get("vehicleState")
                            .get("Vehicle.Speed")
                            .asDouble())
                    .isEqualTo(42.0);

            report(ecu, null, "{\"dtcs\":[]}", Instant.now().minusSeconds(60));
            JsonNode cleared = faults();
            assertThat(cleared.get("ecus")).hasSize(1);
            assertThat(cleared.get("ecus").get(0).get("faults"))
                    .as("a clean fault memory is current")
                    .isEmpty();
            assertThat(cleared.get("dataQuality").get("status").asString()).isEqualTo("ok");
        }

        @Test
        void legacyJ2012CodesAreStillUnderstood() {
            report(ecu, "P0301", "occurrence 3", Instant.now());
            JsonNode fault = faults().get("ecus").get(0).get("faults").get(0);
            assertThat(fault.get("dtcHex").asString()).isEqualTo("0301");
            assertThat(fault.has("status")).as("J2012 text carries no status").isFalse();
        }

        @Test
        void malformedPayloadsAreAcceptedFlaggedAndCountedButYieldNoCode() {
            long before = count("fault_observation");
            assertThat(report(ecu, null, "uds:59 02 FF 0A 80 1B", Instant.now()))
                    .isEqualTo(1);
            assertThat(report(ecu, null, "uds:7F 19 31", Instant.now())).isEqualTo(2);
            assertThat(report(ecu, "X0A80", null, Instant.now())).isEqualTo(3);
            assertThat(count("fault_observation")).as("no code guessed").isEqualTo(before);
            assertThat(jdbc.sql("SELECT quality || ':' || problem FROM dtc_report WHERE vin = :v ORDER BY seq")
                            .param("v", vin)
                            .query(String.class)
                            .list())
                    .satisfiesExactly(
                            row -> assertThat(row).startsWith("MALFORMED_PAYLOAD:truncated record"),
                            row -> assertThat(row).contains("negative response 0x7F"),
                            row -> assertThat(row).contains("system letter"));
            JsonNode answer = faults();
            assertThat(answer.get("malformedReports").asLong()).isEqualTo(3);
            assertThat(answer.get("dataQuality").get("status").asString()).isEqualTo("insufficient-data");
            assertThat(answer.get("dataQuality").get("reasons"))
                    .extracting(JsonNode::asString)
                    .containsExactly("no-dtc-reports", "malformed-reports");
        }

        @Test
        void aReportFromAnEcuTheInventoryLacksIsFlaggedWithoutTypeOrFirmware() {
            report("NOT-IN-INVENTORY", "U0100", null, Instant.now());
            JsonNode answer = faults();
            JsonNode unknown = answer.get("ecus").get(0);
            assertThat(unknown.has("ecuType")).isFalse();
            assertThat(unknown.get("quality")).extracting(JsonNode::asString).containsExactly("UNKNOWN_ECU");
            assertThat(answer.get("dataQuality").get("status").asString()).isEqualTo("degraded");
        }

        @Test
        void aVehicleThatNeverReportedOrReportedLongAgoHasInsufficientData() {
            JsonNode never = faults();
            assertThat(never.get("dataQuality").get("status").asString()).isEqualTo("insufficient-data");
            assertThat(never.get("ecus")).isEmpty();
            report(ecu, "P0A80", null, Instant.now());
            jdbc.sql("UPDATE dtc_report SET received_at = :old WHERE vin = :v")
                    .param("v", vin)
                    .param("old", OffsetDateTime.now(ZoneOffset.UTC).minusDays(3))
                    .update();
            JsonNode stale = faults();
            assertThat(stale.get("dataQuality").get("status").asString()).isEqualTo("insufficient-data");
            assertThat(stale.get("dataQuality").get("reasons"))
                    .extracting(JsonNode::asString)
                    .containsExactly("last-report-stale");
            assertThat(stale.get("ecus").get(0).get("faults"))
                    .as("the old answer stays visible")
                    .hasSize(1);
        }

        @Test
        void theFleetViewCountsByCodeEcuTypeAndFirmware() {
            String since = Instant.now().minusSeconds(3600).toString();
            report(ecu, "P0A80", null, Instant.now());
            report(ecu, null, "uds:5902FF0A801B2F", Instant.now());
            var answer = operatorWith(Role.VIEWER).get("/api/v1/faults?code=p0a80&since=" + since);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode counts = answer.json().get("counts");
            JsonNode mine = null;
            for (JsonNode c : counts) {
                assertThat(c.get("code").asString()).isEqualTo("P0A80");
                mine = "3.1.4".equals(c.get("firmwareVersion").asString()) ? c : mine;
            }
            assertThat(mine).isNotNull();
            assertThat(mine.get("ecuType").asString()).isEqualTo("BMS");
            assertThat(mine.get("observations").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(answer.json().get("code").asString()).isEqualTo("P0A80");
            var exact = admin.get("/api/v1/faults?code=P0A80-1B&since=" + since);
            assertThat(exact.json().get("counts"))
                    .allSatisfy(c -> assertThat(c.get("code").asString()).isEqualTo("P0A80"));
        }

        @Test
        void badFleetFiltersAre400WithACode() {
            assertThat(admin.get("/api/v1/faults?code=P9A80").code()).isEqualTo("invalid-dtc");
            assertThat(admin.get("/api/v1/faults?since=yesterday").code()).isEqualTo("invalid-since");
        }

        @Test
        void decodingNeedsDiagnosticsRead() {
            var officer = operatorWith(Role.SECURITY_OFFICER);
            assertThat(officer.post("/api/v1/faults/decode", Map.of("input", "P0A80"))
                            .status())
                    .isEqualTo(403);
            assertThat(officer.get("/api/v1/vehicles/" + vin + "/faults").status())
                    .isEqualTo(403);
            assertThat(officer.get("/api/v1/faults").status()).isEqualTo(403);
        }

        @Test
        void theDecoderNormalizesEachFormat() {
            var engineer = operatorWith(Role.DIAGNOSTICS_ENGINEER);
            var uds = engineer.post(
                    "/api/v1/faults/decode", Map.of("format", "UDS", "input", "59 08 FF 44 10 0A 80 1B 2F"));
            assertThat(uds.status()).as(uds.body()).isEqualTo(200);
            assertThat(uds.json()
                            .get("faults")
                            .get(0)
                            .get("severity")
                            .get("dtcClasses")
                            .get(0)
                            .asString())
                    .isEqualTo("B1");
            assertThat(uds.json().get("availabilityMask").asInt()).isEqualTo(0xFF);
            var text = engineer.post("/api/v1/faults/decode", Map.of("input", "U0100-87"));
            assertThat(text.json().get("format").asString()).isEqualTo("J2012");
            assertThat(text.json().get("faults").get(0).get("dtcHex").asString())
                    .isEqualTo("C10087");
        }

        @Test
        void badDecoderInputIs400InvalidDtcAndWritesNothing() {
            var engineer = operatorWith(Role.DIAGNOSTICS_ENGINEER);
            long audit = count("audit_record") + count("audit_intake");
            long reports = count("dtc_report");
            for (Map<String, String> body : List.of(
                    Map.of("format", "UDS", "input", "59 02 FF 0A 80"),
                    Map.of("format", "UDS", "input", "7F 19 31"),
                    Map.of("format", "J2012", "input", "P0A8"),
                    Map.of("format", "OEM_JSON", "input", "{\"code\":1}"),
                    Map.of("input", " "))) {
                var answer = engineer.post("/api/v1/faults/decode", body);
                assertThat(answer.status()).as(body.toString()).isEqualTo(400);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.code()).isEqualTo("invalid-dtc");
                assertThat(answer.json().get("detail").asString()).isNotBlank();
            }
            assertThat(engineer.post("/api/v1/faults/decode", Map.of("format", "XML", "input", "P0A80"))
                            .code())
                    .isEqualTo("invalid-dtc-format");
            assertThat(count("audit_record") + count("audit_intake")).isEqualTo(audit);
            assertThat(count("dtc_report")).isEqualTo(reports);
        }

        @Test
        void anEcuOfTheInventoryWithoutReportsMakesTheAnswerPartial() {
            var fleet = new TestFleet(jdbc, admin);
            String second =
                    "DTC-HW2-" + HARDWARE.incrementAndGet() + "-" + getClass().getSimpleName();
            String twoEcus = fleet.vehicle("Dtc-" + second, "EU", "3.1.4", hardwareId, second);
            ApiClient client = fleet.credentialFor(twoEcus);
            var sent = client.post(
                    "/device/v1/vehicles/" + twoEcus + "/events",
                    Map.of(
                            "events",
                            List.of(Map.of(
                                    "seq",
                                    1,
                                    "type",
                                    "DTC_REPORT",
                                    "ecuSerial",
                                    hardwareId + "-" + twoEcus,
                                    "detail",
                                    "{\"dtcs\":[]}",
                                    "occurredAt",
                                    Instant.now().minusSeconds(30).toString()))));
            assertThat(sent.status()).as(sent.body()).isEqualTo(200);

            JsonNode answer = operatorWith(Role.SUPPORT_AGENT)
                    .get("/api/v1/vehicles/" + twoEcus + "/faults")
                    .json();

            assertThat(answer.get("dataQuality").get("status").asString()).isEqualTo("degraded");
            assertThat(answer.get("dataQuality").get("reasons").toString()).contains("ecus-not-reporting");
            assertThat(answer.get("ecusNotReporting").toString()).isEqualTo("[\"" + second + "-" + twoEcus + "\"]");
        }

        @Test
        void aVersionTheVehicleReportsThatTheInventoryDoesNotExpectIsInconsistent() {
            report(ecu, null, "{\"dtcs\":[]}", Instant.now().minusSeconds(30));
            var checkin = vehicle.post(
                    "/device/v1/vehicles/" + vin + "/checkin",
                    Map.of(
                            "connectivity",
                            "WIFI",
                            "ownerConsent",
                            true,
                            "ecus",
                            List.of(Map.of("serial", ecu, "hardwareId", hardwareId, "installedVersion", "3.0.9"))));
            assertThat(checkin.status()).as(checkin.body()).isEqualTo(200);

            JsonNode answer = faults();

            assertThat(answer.get("dataQuality").get("status").asString()).isEqualTo("degraded");
            assertThat(answer.get("dataQuality").get("reasons").toString()).contains("version-inconsistent");
            JsonNode mismatch = answer.get("versionMismatches").get(0);
            assertThat(mismatch.get("ecuSerial").asString()).isEqualTo(ecu);
            assertThat(mismatch.get("inventoryVersion").asString()).isEqualTo("3.1.4");
            assertThat(mismatch.get("reportedVersion").asString()).isEqualTo("3.0.9");
        }

        @Test
        void aLaterEventThatClaimsAnEarlierTimeIsFlaggedOutOfOrderWithinAndAcrossBatches() {
            Instant now = Instant.now();
            report(ecu, "P0301", null, now.minusSeconds(60));
            report(ecu, "P0302", null, now.minusSeconds(3_600));
            assertThat(faults().get("dataQuality").get("reasons").toString()).contains("out-of-order");
            assertThat(jdbc.sql("SELECT quality FROM dtc_report WHERE vin = :v ORDER BY seq")
                            .param("v", vin)
                            .query(String.class)
                            .list())
                    .containsExactly("", "OUT_OF_ORDER");

            var batch = vehicle.post(
                    "/device/v1/vehicles/" + vin + "/events",
                    Map.of(
                            "events",
                            List.of(
                                    Map.of(
                                            "seq",
                                            3,
                                            "type",
                                            "DTC_REPORT",
                                            "ecuSerial",
                                            ecu,
                                            "code",
                                            "P0303",
                                            "occurredAt",
                                            now.minusSeconds(30).toString()),
                                    Map.of(
                                            "seq",
                                            4,
                                            "type",
                                            "DTC_REPORT",
                                            "ecuSerial",
                                            ecu,
                                            "code",
                                            "P0304",
                                            "occurredAt",
                                            now.minusSeconds(40).toString()))));
            assertThat(batch.status()).as(batch.body()).isEqualTo(200);
            assertThat(jdbc.sql("SELECT quality FROM dtc_report WHERE vin = :v ORDER BY seq")
                            .param("v", vin)
                            .query(String.class)
                            .list())
                    .containsExactly("", "OUT_OF_ORDER", "", "OUT_OF_ORDER");
        }

        @Test
        void aSequenceGapDegradesTheAnswerOnlyUntilTheMissingEventsArrive() {
            Instant now = Instant.now();
            report(ecu, "P0301", null, now.minusSeconds(60));
            seq++;
            assertThat(report(ecu, "P0302", null, now.minusSeconds(30)))
                    .as("seq 2 is missing")
                    .isEqualTo(1);
            assertThat(faults().get("dataQuality").get("reasons").toString()).contains("sequence-gap");

            var late = vehicle.post(
                    "/device/v1/vehicles/" + vin + "/events",
                    Map.of(
                            "events",
                            List.of(Map.of(
                                    "seq",
                                    2,
                                    "type",
                                    "MODULE_HEALTH",
                                    "occurredAt",
                                    now.minusSeconds(45).toString()))));
            assertThat(late.json().get("ackedThroughSeq").asLong()).isEqualTo(3);
            JsonNode answer = faults();
            assertThat(answer.get("dataQuality").get("status").asString())
                    .as(answer.toString())
                    .isEqualTo("ok");
            assertThat(jdbc.sql("SELECT quality FROM dtc_report WHERE vin = :v ORDER BY seq")
                            .param("v", vin)
                            .query(String.class)
                            .list())
                    .containsExactly("", "");
        }

        @Test
        void aReportSentAgainUnderANewSeqIsKeptFlaggedDuplicateAndCountedOnce() {
            Instant at = Instant.parse("2026-03-02T10:00:00.123Z");
            report(ecu, "P0301", null, at);
            report(ecu, "P0301", null, at);
            var batch = vehicle.post(
                    "/device/v1/vehicles/" + vin + "/events",
                    Map.of(
                            "events",
                            List.of(
                                    Map.of(
                                            "seq",
                                            3,
                                            "type",
                                            "DTC_REPORT",
                                            "ecuSerial",
                                            ecu,
                                            "code",
                                            "P0302",
                                            "occurredAt",
                                            at.plusSeconds(60).toString()),
                                    Map.of(
                                            "seq",
                                            4,
                                            "type",
                                            "DTC_REPORT",
                                            "ecuSerial",
                                            ecu,
                                            "code",
                                            "P0302",
                                            "occurredAt",
                                            at.plusSeconds(60).toString()))));
            assertThat(batch.status()).as(batch.body()).isEqualTo(200);

            assertThat(jdbc.sql("SELECT quality FROM dtc_report WHERE vin = :v ORDER BY seq")
                            .param("v", vin)
                            .query(String.class)
                            .list())
                    .containsExactly("", "DUPLICATE", "", "DUPLICATE");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM fault_observation o JOIN dtc_report r ON r.id = o.report_id"
                                    + " WHERE r.vin = :v")
                            .param("v", vin)
                            .query(Long.class)
                            .single())
                    .as("raw faults kept")
                    .isEqualTo(4);
            assertThat(jdbc.sql("SELECT SUM(observations) FROM fault_pattern_day WHERE vin = :v")
                            .param("v", vin)
                            .query(Long.class)
                            .single())
                    .as("counted once each")
                    .isEqualTo(2);
            assertThat(faults().get("dataQuality").get("reasons").toString()).contains("duplicate");
        }

        @Test
        void anUnknownVehicleIs404() {
            assertThat(admin.get("/api/v1/vehicles/WPWNONEXX00000001/faults").code())
                    .isEqualTo("vehicle-not-found");
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
