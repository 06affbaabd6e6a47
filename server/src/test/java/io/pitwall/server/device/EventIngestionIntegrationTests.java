package io.pitwall.server.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.time.Instant;
import java.util.ArrayList;
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

        Map<String, Object> batch(long from, long to) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (long seq = from; seq <= to; seq++) {
                events.add(event(seq, "DOWNLOAD_PROGRESS"));
            }
            return Map.of("events", events);
        }

        long post(Object body) {
            var answer = vehicle.post("/device/v1/vehicles/" + vin + "/events", body);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer.json().get("ackedThroughSeq").asLong();
        }

        long stored() {
            return jdbc.sql("SELECT COUNT(*) FROM vehicle_event WHERE vin = :v").param("v", vin).query(Long.class).single();
        }

        @Test
        void duplicatesAreStoredOnce() {
            assertThat(post(batch(1, 50))).isEqualTo(50);
            assertThat(post(batch(1, 50))).isEqualTo(50);
            assertThat(post(batch(25, 75))).isEqualTo(75);
            assertThat(stored()).isEqualTo(75);
        }

        @Test
        void aGapHoldsTheAcknowledgementUntilFilledAndIsFlagged() {
            assertThat(post(batch(1, 10))).isEqualTo(10);
            assertThat(post(batch(21, 30))).isEqualTo(10);
            assertThat(jdbc.sql("SELECT quality FROM vehicle_event WHERE vin = :v AND seq = 21").param("v", vin)
                    .query(String.class).single()).contains("SEQUENCE_GAP");
            assertThat(jdbc.sql("SELECT quality FROM vehicle_event WHERE vin = :v AND seq = 22").param("v", vin)
                    .query(String.class).single()).doesNotContain("SEQUENCE_GAP");
            assertThat(post(batch(11, 20))).isEqualTo(30);
            assertThat(stored()).isEqualTo(30);
        }

        @Test
        void unknownTypesAndFutureTimestampsAreKeptAndFlagged() {
            var future = Map.<String, Object>of("seq", 2, "type", "DOWNLOAD_STARTED", "occurredAt",
                    Instant.now().plusSeconds(86_400).toString());
            assertThat(post(Map.of("events", List.of(event(1, "TELEPORTED"), future)))).isEqualTo(2);
            assertThat(jdbc.sql("SELECT type || ':' || quality FROM vehicle_event WHERE vin = :v ORDER BY seq")
                    .param("v", vin).query(String.class).list())
                    .containsExactly("UNKNOWN:UNKNOWN_TYPE", "DOWNLOAD_STARTED:FUTURE_TIMESTAMP");
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
                {"{\"events\": [{\"seq\": 0, \"type\": \"INSTALL_STARTED\", \"occurredAt\": \"2026-01-01T00:00:00Z\"}]}",
                    "application/json", 400, "invalid-event-batch"},
                {"{\"events\": [{\"seq\": 1, \"type\": \"INSTALL_STARTED\"}]}", "application/json", 400,
                    "invalid-event-batch"},
                {"{\"events\": [{\"seq\": 1, \"type\": \"INSTALL_STARTED\", \"occurredAt\": \"yesterday\"}]}",
                    "application/json", 400, "invalid-event-batch"},
                {tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(Map.of("events", tooMany)),
                    "application/json", 400, "invalid-event-batch"},
                {"seq=1", "text/plain", 415, "unsupported-media-type"},
            };
            for (Object[] c : cases) {
                var answer = vehicle.send("POST", "/device/v1/vehicles/" + vin + "/events", (String) c[1],
                        ((String) c[0]).getBytes());
                assertThat(answer.status()).as(c[0].toString().substring(0, Math.min(60, c[0].toString().length())))
                        .isEqualTo(c[2]);
                assertThat(answer.code()).isEqualTo(c[3]);
                assertThat(answer.body()).doesNotContain("io.pitwall", "tools.jackson");
            }
            assertThat(stored()).isZero();
        }
    }

    @Nested
    class OnH2 extends Contract {
    }

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {
    }
}
