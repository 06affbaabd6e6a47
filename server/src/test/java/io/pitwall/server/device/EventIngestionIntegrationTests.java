package io.pitwall.server.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EventIngestionIntegrationTests {

    abstract static class Contract extends IntegrationTest {

        String vin;
        ApiClient vehicle;

        @BeforeEach
        void provision() {
            var fleet = new TestFleet(jdbc, admin);
            vin = fleet.vehicle("Aurora", "EU", "1.0.0");
            vehicle = fleet.credentialFor(vin);
        }

        Map<String, Object> event(long seq, String type) {
            return Map.of("seq", seq, "type", type, "occurredAt", Instant.now().toString(), "assignmentId", "a-1");
        }

        Map<String, List<Map<String, Object>>> batch(long from, long to) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (long seq = from; seq <= to; seq++) {
                events.add(event(seq, "DOWNLOAD_PROGRESS"));
            }
            return Map.of("events", events);
        }

        long post(Object body) {
            return answer(body).json().get("ackedThroughSeq").asLong();
        }

        ApiClient.Response answer(Object body) {
            var answer = vehicle.post("/device/v1/vehicles/" + vin + "/events", body);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer;
        }

        /** The answer's verdicts as {@code seq:code}. */
        static List<String> refused(ApiClient.Response answer) {
            List<String> verdicts = new ArrayList<>();
            if (answer.json().has("refused")) {
                answer.json()
                        .get("refused")
                        .forEach(r -> verdicts.add(
                                r.get("seq").asLong() + ":" + r.get("code").asString()));
            }
            return verdicts;
        }

        long stored() {
            return jdbc.sql("SELECT COUNT(*) FROM vehicle_event WHERE vin = :v")
                    .param("v", vin)
                    .query(Long.class)
                    .single();
        }

        String quality(long seq) {
            return jdbc.sql("SELECT quality FROM vehicle_event WHERE vin = :v AND seq = :s")
                    .param("v", vin)
                    .param("s", seq)
                    .query(String.class)
                    .single();
        }

        Map<String, Object> event(long seq, String type, String field, Object value) {
            Map<String, Object> event = new HashMap<>(event(seq, type));
            event.put(field, value);
            return event;
        }

        @Test
        void duplicatesAreStoredOnce() {
            assertThat(post(batch(1, 50))).isEqualTo(50);
            assertThat(post(batch(1, 50))).isEqualTo(50);
            assertThat(post(batch(25, 75))).isEqualTo(75);
            assertThat(stored()).isEqualTo(75);
        }

        @Test
        void aGapHoldsTheAcknowledgementUntilFilledAndItsFlagComesOffOnceNothingIsMissing() {
            assertThat(post(batch(1, 10))).isEqualTo(10);
            assertThat(post(batch(21, 30))).isEqualTo(10);
            assertThat(quality(21)).contains("SEQUENCE_GAP");
            assertThat(quality(22)).doesNotContain("SEQUENCE_GAP");
            assertThat(post(batch(11, 15))).isEqualTo(15);
            assertThat(quality(21)).as("16 to 20 are still missing").contains("SEQUENCE_GAP");
            assertThat(post(batch(16, 20))).isEqualTo(30);
            assertThat(quality(21)).doesNotContain("SEQUENCE_GAP");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM vehicle_event WHERE vin = :v AND quality LIKE '%SEQUENCE_GAP%'")
                            .param("v", vin)
                            .query(Long.class)
                            .single())
                    .isZero();
            assertThat(stored()).isEqualTo(30);
        }

        @Test
        void aDtcReportLosesItsGapFlagWhenTheGapFillsAndKeepsItsOtherFlags() {
            String future = Instant.now().plusSeconds(86_400).toString();
            var report = Map.<String, Object>of("seq", 3, "type", "DTC_REPORT", "occurredAt", future, "code", "P0562");
            assertThat(post(Map.of("events", List.of(event(1, "MODULE_HEALTH"), report))))
                    .isEqualTo(1);
            String dtcQuality = "SELECT quality FROM dtc_report WHERE vin = :v AND seq = 3";
            assertThat(jdbc.sql(dtcQuality).param("v", vin).query(String.class).single())
                    .contains("SEQUENCE_GAP");
            assertThat(post(Map.of("events", List.of(event(2, "MODULE_HEALTH")))))
                    .isEqualTo(3);
            assertThat(quality(3)).isEqualTo("FUTURE_TIMESTAMP");
            assertThat(jdbc.sql(dtcQuality).param("v", vin).query(String.class).single())
                    .doesNotContain("SEQUENCE_GAP")
                    .contains("FUTURE_TIMESTAMP");
        }

        @Test
        void futureTimestampsAreKeptAndFlaggedAndUnknownTypesAreRefusedWithoutHoldingBackTheRest() {
            var future = Map.<String, Object>of(
                    "seq",
                    2,
                    "type",
                    "DOWNLOAD_STARTED",
                    "occurredAt",
                    Instant.now().plusSeconds(86_400).toString());
            var answer = answer(Map.of("events", List.of(event(1, "TELEPORTED"), future)));
            assertThat(answer.json().get("ackedThroughSeq").asLong()).isEqualTo(2);
            assertThat(refused(answer)).containsExactly("1:unknown-event-type");
            assertThat(answer.json().get("refused").get(0).get("detail").asString())
                    .contains("TELEPORTED");
            assertThat(jdbc.sql("SELECT type || ':' || quality FROM vehicle_event WHERE vin = :v ORDER BY seq")
                            .param("v", vin)
                            .query(String.class)
                            .list())
                    .containsExactly("DOWNLOAD_STARTED:FUTURE_TIMESTAMP");
        }

        @Test
        void oneEventTheServerCannotStoreIsRefusedByItsSeqWhileTheOthersAreStoredAndAcknowledged() {
            List<Map<String, Object>> events = new ArrayList<>(batch(1, 5).get("events"));
            events.set(2, event(3, "DOWNLOAD_PROGRESS", "detail", "d".repeat(2001)));
            var answer = answer(Map.of("events", events));
            assertThat(answer.json().get("ackedThroughSeq").asLong()).isEqualTo(5);
            assertThat(refused(answer)).containsExactly("3:invalid-event");
            assertThat(answer.json().get("refused").get(0).get("detail").asString())
                    .isEqualTo("detail is at most 2000 characters");
            assertThat(jdbc.sql("SELECT seq FROM vehicle_event WHERE vin = :v ORDER BY seq")
                            .param("v", vin)
                            .query(Long.class)
                            .list())
                    .containsExactly(1L, 2L, 4L, 5L);

            var again = answer(Map.of("events", events));
            assertThat(again.json().get("ackedThroughSeq").asLong()).isEqualTo(5);
            assertThat(refused(again))
                    .as("a resent refused event gets the same verdict")
                    .containsExactly("3:invalid-event");
            assertThat(post(batch(6, 7))).isEqualTo(7);
            assertThat(stored()).isEqualTo(6);
        }

        @Test
        void aRefusedEventBehindAGapIsPassedOnceTheGapFills() {
            assertThat(post(batch(1, 2))).isEqualTo(2);
            var answer = answer(Map.of(
                    "events", List.of(event(4, "DOWNLOAD_PROGRESS", "progress", 150), event(5, "DOWNLOAD_PROGRESS"))));
            assertThat(answer.json().get("ackedThroughSeq").asLong())
                    .as("3 is missing")
                    .isEqualTo(2);
            assertThat(refused(answer)).containsExactly("4:invalid-event");
            assertThat(quality(5)).as("its predecessor arrived, refused").doesNotContain("SEQUENCE_GAP");
            assertThat(post(batch(3, 3))).isEqualTo(5);
        }

        @Test
        void aBatchOfOnlyRefusedEventsMovesTheAcknowledgement() {
            var answer = answer(Map.of("events", List.of(event(1, "WARP_DRIVE_ENGAGED"), event(2, "TELEPORTED"))));
            assertThat(answer.json().get("ackedThroughSeq").asLong()).isEqualTo(2);
            assertThat(refused(answer)).containsExactly("1:unknown-event-type", "2:unknown-event-type");
            assertThat(stored()).isZero();
        }

        @Test
        void malformedBatchesAreRefusedAndWriteNothing() {
            List<Map<String, Object>> tooMany = new ArrayList<>();
            for (int seq = 1; seq <= 501; seq++) {
                tooMany.add(event(seq, "DOWNLOAD_PROGRESS"));
            }
            Object[][] cases = {
                {"{\"events\": [", "application/json", 400, "invalid-event-batch"},
                {"{\"events\": []}", "application/json", 400, "invalid-event-batch"},
                {
                    "{\"events\": [{\"seq\": 0, \"type\": \"INSTALL_STARTED\", \"occurredAt\": \"2026-01-01T00:00:00Z\"}]}",
                    "application/json",
                    400,
                    "invalid-event-batch"
                },
                {
                    "{\"events\": [{\"seq\": 1.5, \"type\": \"INSTALL_STARTED\", \"occurredAt\": \"2026-01-01T00:00:00Z\"}]}",
                    "application/json",
                    400,
                    "invalid-event-batch"
                },
                {
                    "{\"events\": [{\"seq\": 1, \"seq\": 2, \"type\": \"INSTALL_STARTED\", \"occurredAt\": \"2026-01-01T00:00:00Z\"}]}",
                    "application/json",
                    400,
                    "invalid-event-batch"
                },
                {
                    "{\"events\": [{\"seq\": 1, \"type\": \"INSTALL_STARTED\", \"occurredAt\": \"2026-01-01T00:00:00Z\"},"
                            + " {\"seq\": 1, \"type\": \"INSTALL_FAILED\", \"occurredAt\": \"2026-01-01T00:00:00Z\"}]}",
                    "application/json",
                    400,
                    "duplicate-event-seq"
                },
                {
                    tools.jackson.databind.json.JsonMapper.builder()
                            .build()
                            .writeValueAsString(Map.of("events", tooMany)),
                    "application/json",
                    400,
                    "invalid-event-batch"
                },
                {"seq=1", "text/plain", 415, "unsupported-media-type"},
            };
            for (Object[] c : cases) {
                var answer = vehicle.send(
                        "POST", "/device/v1/vehicles/" + vin + "/events", (String) c[1], ((String) c[0]).getBytes());
                assertThat(answer.status())
                        .as(c[0].toString()
                                .substring(0, Math.min(60, c[0].toString().length())))
                        .isEqualTo(c[2]);
                assertThat(answer.code()).isEqualTo(c[3]);
                assertThat(answer.body()).doesNotContain("io.pitwall", "tools.jackson");
            }
            assertThat(stored()).isZero();
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
