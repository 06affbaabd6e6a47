package io.pitwall.server.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.TestFleet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input on the device API: a 4xx problem+json with a stable code and nothing written, or (for odd but
 * storable events) the event kept with a data-quality flag. Never a 5xx, never a corrupted assignment.
 * The vehicle has a pending assignment of a running campaign that every bad payload names.
 * Runs on H2 only: bad input is refused before any SQL; EventIngestionIntegrationTests runs on both.
 */
class DeviceBadInputIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    abstract static class Contract extends IntegrationTest {

        String vin;
        ApiClient vehicle;
        TestFleet.PublishedRelease release;
        String assignmentId;

        @BeforeEach
        void vehicleWithAPendingAssignment() {
            var fleet = new TestFleet(jdbc, admin);
            String hardwareId =
                    "BAD-HW-" + HARDWARE.incrementAndGet() + "-" + getClass().getSimpleName();
            vin = fleet.vehicle("Bad-" + hardwareId, "EU", "1.0.0", hardwareId);
            release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            var manager = operatorWith(Role.RELEASE_MANAGER);
            long id = manager.post(
                            "/api/v1/campaigns",
                            Map.of(
                                    "name",
                                    "Bad " + hardwareId,
                                    "releaseId",
                                    release.releaseId(),
                                    "filter",
                                    Map.of("model", "Bad-" + hardwareId)))
                    .json()
                    .get("id")
                    .asLong();
            campaignSteps().approvedCampaign(manager, id, release.knownGoodReleaseId());
            admin.post("/api/v1/campaigns/" + id + "/start", "");
            assignmentId = jdbc.sql("SELECT id FROM assignment WHERE vin = :v")
                    .param("v", vin)
                    .query(Long.class)
                    .single()
                    .toString();
            vehicle = fleet.credentialFor(vin);
        }

        /** Everything a device request of this vehicle could write. */
        List<Object> state() {
            return List.of(
                    jdbc.sql("SELECT status || ':' || version FROM assignment WHERE vin = :v")
                            .param("v", vin)
                            .query(String.class)
                            .list(),
                    jdbc.sql("SELECT ae.status FROM assignment_ecu ae JOIN assignment a ON a.id = ae.assignment_id "
                                    + "WHERE a.vin = :v")
                            .param("v", vin)
                            .query(String.class)
                            .list(),
                    jdbc.sql("SELECT COUNT(*) FROM vehicle_report WHERE vin = :v")
                            .param("v", vin)
                            .query(Long.class)
                            .single(),
                    jdbc.sql("SELECT COUNT(*) FROM reported_ecu WHERE vin = :v")
                            .param("v", vin)
                            .query(Long.class)
                            .single(),
                    jdbc.sql("SELECT COUNT(*) FROM vehicle_event WHERE vin = :v")
                            .param("v", vin)
                            .query(Long.class)
                            .single(),
                    jdbc.sql("SELECT COUNT(*) FROM event_cursor WHERE vin = :v")
                            .param("v", vin)
                            .query(Long.class)
                            .single());
        }

        void assertRefused(String path, String contentType, String body, int status, String code) {
            var before = state();
            var answer = vehicle.send("POST", path, contentType, body.getBytes());
            String what = body.substring(0, Math.min(80, body.length()));
            assertThat(answer.status()).as(what + " → " + answer.body()).isEqualTo(status);
            assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
            assertThat(answer.code()).as(what).isEqualTo(code);
            assertThat(answer.body()).as(what).doesNotContain("io.pitwall", "tools.jackson", "org.");
            assertThat(state()).as("nothing written by " + what).isEqualTo(before);
        }

        String events() {
            return "/device/v1/vehicles/" + vin + "/events";
        }

        String event(Map<String, Object> fields) {
            var event = new java.util.LinkedHashMap<String, Object>(Map.of(
                    "seq",
                    1,
                    "type",
                    "INSTALL_COMPLETED",
                    "occurredAt",
                    Instant.now().toString(),
                    "assignmentId",
                    assignmentId));
            event.putAll(fields);
            return JSON.writeValueAsString(Map.of("events", List.of(event)));
        }

        @Test
        void eventBatchesThatCannotBeReadAreRefusedWhole() {
            String valid = event(Map.of());
            for (String body : List.of(
                    "{\"events\": [",
                    "null",
                    "[]",
                    "\"events\"",
                    "{\"events\": []}",
                    "{\"events\": [null]}",
                    "{\"events\": {}}",
                    event(Map.of("seq", 0)),
                    event(Map.of("seq", -3)),
                    event(Map.of("seq", "1e30")),
                    valid.replace("\"seq\":1", "\"seq\":100000000000000000000"),
                    event(Map.of("seq", 1.5)),
                    event(Map.of("seq", "7")),
                    valid.replace("\"seq\":1", "\"seq\":1e2"),
                    valid.replace("\"seq\":1", "\"seq\":1,\"seq\":2"),
                    valid.replace("\"seq\":1", "\"seq\":1,\"detail\":\"a\",\"detail\":\"b\""),
                    "{\"events\": [], \"events\": " + valid.substring(valid.indexOf('[')))) {
                assertRefused(events(), "application/json", body, 400, "invalid-event-batch");
            }
            String twice = JSON.writeValueAsString(Map.of(
                    "events",
                    List.of(
                            Map.of(
                                    "seq",
                                    1,
                                    "type",
                                    "MODULE_HEALTH",
                                    "occurredAt",
                                    Instant.now().toString()),
                            Map.of(
                                    "seq",
                                    1,
                                    "type",
                                    "INSTALL_COMPLETED",
                                    "occurredAt",
                                    Instant.now().toString(),
                                    "assignmentId",
                                    assignmentId))));
            assertRefused(events(), "application/json", twice, 400, "duplicate-event-seq");
        }

        @Test
        void eventsTheServerCannotStoreAreRefusedOneByOneAndNeverStoredOrApplied() {
            var before = state();
            List<Map<String, Object>> bad = List.of(
                    Map.of("occurredAt", "yesterday"),
                    Map.of("occurredAt", ""),
                    Map.of("progress", 101),
                    Map.of("progress", 50.5),
                    Map.of("assignmentId", "1".repeat(65)),
                    Map.of("ecuSerial", "S".repeat(65)),
                    Map.of("code", "C".repeat(101)),
                    Map.of("detail", "d".repeat(2001)),
                    Map.of("commandId", "c".repeat(65)),
                    Map.of("detail", "nul\u0000byte"),
                    Map.of("ecuSerial", "line\nbreak"),
                    Map.of("occurredAt", "+300000-01-01T00:00:00Z"),
                    Map.of("occurredAt", "+1000000000-12-31T23:59:59.999999999Z"),
                    Map.of("occurredAt", "-0001-01-01T00:00:00Z"),
                    Map.of("type", 42));
            long seq = 0;
            for (Map<String, Object> fields : bad) {
                seq++;
                var event = new java.util.LinkedHashMap<String, Object>(fields);
                event.put("seq", seq);
                event.putIfAbsent("type", "INSTALL_COMPLETED");
                event.putIfAbsent("occurredAt", Instant.now().toString());
                event.putIfAbsent("assignmentId", assignmentId);
                var answer = vehicle.post(events(), Map.of("events", List.of(event)));
                assertThat(answer.status()).as(fields + " → " + answer.body()).isEqualTo(200);
                assertThat(answer.json().get("ackedThroughSeq").asLong())
                        .as(fields.toString())
                        .isEqualTo(seq);
                var verdict = answer.json().get("refused").get(0);
                assertThat(verdict.get("seq").asLong()).isEqualTo(seq);
                assertThat(verdict.get("code").asString())
                        .as(fields.toString())
                        .isEqualTo(fields.containsKey("type") ? "unknown-event-type" : "invalid-event");
                assertThat(verdict.get("detail").asString())
                        .as(fields.toString())
                        .isNotBlank()
                        .doesNotContain("io.pitwall", "tools.jackson", "\u0000", "\n");
            }
            var without = vehicle.post(
                    events(),
                    Map.of(
                            "events",
                            List.of(Map.of(
                                    "seq", seq + 1, "type", "INSTALL_COMPLETED", "assignmentId", assignmentId))));
            assertThat(without.json().get("refused").get(0).get("code").asString())
                    .isEqualTo("invalid-event");
            assertThat(state().subList(0, 5))
                    .as("no event stored, no assignment moved")
                    .isEqualTo(before.subList(0, 5));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM event_refusal WHERE vin = :v")
                            .param("v", vin)
                            .query(Long.class)
                            .single())
                    .isEqualTo(seq + 1);
        }

        @Test
        void batchesOfMoreThan500EventsAreRefusedAnd500AreAccepted() {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int seq = 1; seq <= 501; seq++) {
                events.add(Map.of(
                        "seq",
                        seq,
                        "type",
                        "MODULE_HEALTH",
                        "occurredAt",
                        Instant.now().toString()));
            }
            assertRefused(
                    events(),
                    "application/json",
                    JSON.writeValueAsString(Map.of("events", events)),
                    400,
                    "invalid-event-batch");
            var accepted = vehicle.post(events(), Map.of("events", events.subList(0, 500)));
            assertThat(accepted.json().get("ackedThroughSeq").asLong()).isEqualTo(500);
        }

        @Test
        void wrongContentTypesAre415() {
            for (String type : new String[] {"text/plain", "application/xml", "application/x-www-form-urlencoded"}) {
                assertRefused(events(), type, event(Map.of()), 415, "unsupported-media-type");
                assertRefused("/device/v1/vehicles/" + vin + "/checkin", type, "{}", 415, "unsupported-media-type");
            }
        }

        @Test
        void oddButStorableEventsAreKeptFlaggedUnknownTypesRefusedAndNeitherMovesTheAssignment() {
            var before = state().get(0);
            String future = Instant.now().plusSeconds(86_400 * 365).toString();
            var answer = vehicle.post(
                    events(),
                    Map.of(
                            "events",
                            List.of(
                                    Map.of(
                                            "seq",
                                            1,
                                            "type",
                                            "TELEPORTED",
                                            "occurredAt",
                                            Instant.now().toString(),
                                            "assignmentId",
                                            assignmentId),
                                    Map.of("seq", 2, "type", "MODULE_HEALTH", "occurredAt", future),
                                    Map.of(
                                            "seq",
                                            7,
                                            "type",
                                            "MODULE_HEALTH",
                                            "occurredAt",
                                            Instant.now().toString()))));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("ackedThroughSeq").asLong())
                    .as("the gap holds the acknowledgement")
                    .isEqualTo(2);
            assertThat(answer.json().get("refused").get(0).get("code").asString())
                    .isEqualTo("unknown-event-type");
            assertThat(jdbc.sql("SELECT seq || ':' || type || ':' || quality FROM vehicle_event WHERE vin = :v "
                                    + "ORDER BY seq")
                            .param("v", vin)
                            .query(String.class)
                            .list())
                    .containsExactly("2:MODULE_HEALTH:FUTURE_TIMESTAMP", "7:MODULE_HEALTH:SEQUENCE_GAP");
            assertThat(state().get(0))
                    .as("an unknown type does not move the assignment")
                    .isEqualTo(before);
            var foreign = vehicle.post(
                    events(),
                    Map.of(
                            "events",
                            List.of(Map.of(
                                    "seq",
                                    3,
                                    "type",
                                    "INSTALL_COMPLETED",
                                    "occurredAt",
                                    Instant.now().toString(),
                                    "assignmentId",
                                    "not-a-number"))));
            assertThat(foreign.status()).isEqualTo(200);
            assertThat(state().get(0)).isEqualTo(before);
        }

        @Test
        void malformedCheckinsAreRefusedAndNeitherRecordNorDeliver() {
            String path = "/device/v1/vehicles/" + vin + "/checkin";
            String ecu = "{\"serial\": \"S-1\", \"hardwareId\": \"H\"}";
            List<String> manifests = new ArrayList<>(List.of(
                    "{\"ecus\": [",
                    "null",
                    "[]",
                    "42",
                    "{\"ecus\": \"S-1\"}",
                    "{\"ecus\": [null]}",
                    "{\"ecus\": [{\"serial\": \"S-1\"}]}",
                    "{\"ecus\": [{\"hardwareId\": \"H\"}]}",
                    "{\"ecus\": [{\"serial\": \"\", \"hardwareId\": \"H\"}]}",
                    "{\"ecus\": [{\"serial\": 5}]}",
                    "{\"ecus\": [{\"serial\": \"" + "S".repeat(65) + "\", \"hardwareId\": \"H\"}]}",
                    "{\"ecus\": [{\"serial\": \"S\\u0000\", \"hardwareId\": \"H\"}]}",
                    "{\"ecus\": [{\"serial\": \"S-1\", \"hardwareId\": \"H\", \"installedVersion\": \"" + "v".repeat(65)
                            + "\"}]}",
                    "{\"ecus\": [{\"serial\": \"S-1\", \"hardwareId\": \"H\", \"installedSha256\": \"XYZ\"}]}",
                    "{\"ecus\": [{\"serial\": \"S-1\", \"hardwareId\": \"H\", \"installedSha256\": \""
                            + release.sha256().toUpperCase() + "\"}]}",
                    "{\"signals\": {\"Vehicle.Speed\": \"fast\"}, \"ecus\": [" + ecu + "]}",
                    "{\"ecus\": [" + String.join(",", java.util.Collections.nCopies(201, ecu)) + "]}"));
            manifests.add("{\"ownerConsent\": true, \"ownerConsent\": false, \"ecus\": [" + ecu + "]}");
            manifests.add("{\"ecus\": [{\"serial\": \"S-1\", \"serial\": \"S-2\", \"hardwareId\": \"H\"}]}");
            manifests.add("{\"signals\": {\"Vehicle.Speed\": 1, \"Vehicle.Speed\": 90}, \"ecus\": [" + ecu + "]}");
            for (String body : manifests) {
                assertRefused(path, "application/json", body, 400, "invalid-checkin");
            }
            for (String signal : List.of(
                    "\"Vehicle.CurrentLocation.Latitude\": 999",
                    "\"Vehicle.CurrentLocation.Latitude\": -90.5",
                    "\"Vehicle.CurrentLocation.Longitude\": 180.01",
                    "\"Vehicle.Powertrain.TractionBattery.StateOfCharge.Current\": -50",
                    "\"Vehicle.Powertrain.TractionBattery.StateOfCharge.Current\": 100.5",
                    "\"Vehicle.Speed\": 1e400",
                    "\"Vehicle.LowVoltageBattery.CurrentVoltage\": -1e999")) {
                assertRefused(
                        path,
                        "application/json",
                        "{\"signals\": {" + signal + "}, \"ecus\": [" + ecu + "]}",
                        400,
                        "signal-out-of-range");
            }
            assertRefused(
                    path, "application/json", "{\"ecus\": [" + ecu + ", " + ecu + "]}", 400, "duplicate-ecu-serial");
            assertRefused(path, "application/json", "", 400, "malformed-body");
        }

        @Test
        void garbageRangeHeadersGetTheWholeImageOr416NeverAnError() {
            String path = "/device/v1/vehicles/" + vin + "/artifacts/" + release.sha256();
            byte[] content = release.content();
            int length = content.length;
            for (String range : List.of(
                    "bytes=abc",
                    "bytes=0-1,5-6",
                    "items=1-2",
                    "bytes=",
                    "bytes=-",
                    "bytes 0-1",
                    "bytes=1-2-3",
                    "x".repeat(500))) {
                var answer = vehicle.download("GET", path, range);
                assertThat(answer.status()).as(range).isEqualTo(200);
                assertThat(answer.body()).as(range).isEqualTo(content);
            }
            for (String range :
                    List.of("bytes=5-2", "bytes=99999999999999999999-", "bytes=" + length + "-", "bytes=-0")) {
                for (String method : List.of("GET", "HEAD")) {
                    var answer = vehicle.download(method, path, range);
                    assertThat(answer.status()).as(method + " " + range).isEqualTo(416);
                    assertThat(answer.header("Content-Range")).as(range).isEqualTo("bytes */" + length);
                }
            }
            var huge = vehicle.download("GET", path, "bytes=10-99999999999999999999");
            assertThat(huge.status()).isEqualTo(206);
            assertThat(huge.body()).isEqualTo(Arrays.copyOfRange(content, 10, length));
            var suffix = vehicle.download("GET", path, "bytes=-5");
            assertThat(suffix.status()).isEqualTo(206);
            assertThat(suffix.header("Content-Range"))
                    .isEqualTo("bytes " + (length - 5) + "-" + (length - 1) + "/" + length);
            assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(content, length - 5, length));
        }

        @Test
        void anArtifactPathThatIsNotALowerCaseSha256Is400() {
            String base = "/device/v1/vehicles/" + vin + "/artifacts/";
            for (String id : List.of(
                    "zz",
                    release.sha256().toUpperCase(),
                    release.sha256().substring(1),
                    release.sha256() + "0",
                    "g".repeat(64))) {
                var get = vehicle.get(base + id);
                assertThat(get.status()).as(id).isEqualTo(400);
                assertThat(get.code()).as(id).isEqualTo("invalid-artifact-id");
                assertThat(vehicle.download("HEAD", base + id, null).status())
                        .as(id)
                        .isEqualTo(400);
            }
        }
    }

    @Nested
    class OnH2 extends Contract {}
}
