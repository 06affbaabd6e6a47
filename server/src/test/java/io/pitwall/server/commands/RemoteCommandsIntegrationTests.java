package io.pitwall.server.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Remote diagnostic commands over the real APIs: an engineer requests, the vehicle receives the command at
 * check-in and answers with a COMMAND_RESULT event; clearing a safety-relevant ECU's faults waits for a second
 * engineer; unanswered commands expire undelivered; nothing a vehicle or operator sends wrongly changes a thing.
 */
class RemoteCommandsIntegrationTests {

    abstract static class Contract extends IntegrationTest {

        @Autowired
        RemoteCommands remoteCommands;

        TestFleet fleet;
        String vin;
        String bms;
        String infotainment;
        ApiClient vehicle;
        ApiClient engineer;
        long seq;

        @BeforeEach
        void aVehicleWithABmsAndAnInfotainmentEcu() {
            fleet = new TestFleet(jdbc, admin);
            vin = fleet.vehicle("Cmd", "EU", "1.0.0", "CMD-BMS");
            bms = "CMD-BMS-" + vin;
            infotainment = "CMD-INF-" + vin;
            jdbc.sql("""
                    INSERT INTO ecu (serial, vin, ecu_type, hardware_id, software_version, update_policy, is_primary)
                    VALUES (:serial, :vin, 'INFOTAINMENT', 'CMD-INF', '5.0.0', 'REMOTE', FALSE)""").param("serial", infotainment).param("vin", vin).update();
            vehicle = fleet.credentialFor(vin);
            engineer = operatorWith(Role.DIAGNOSTICS_ENGINEER);
            seq = 0;
        }

        ApiClient.Response request(ApiClient who, Map<String, Object> body) {
            return who.post("/api/v1/vehicles/" + vin + "/commands", body);
        }

        String requested(Map<String, Object> body) {
            var answer = request(engineer, body);
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            return answer.json().get("id").asString();
        }

        JsonNode checkinCommands(ApiClient who, String vin) {
            var answer = who.post(
                    "/device/v1/vehicles/" + vin + "/checkin",
                    Map.of("connectivity", "WIFI", "ownerConsent", true, "ecus", List.of()));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer.json().get("commands");
        }

        void answer(ApiClient who, String vin, String commandId, String code, String detail) {
            Map<String, Object> event = new HashMap<>(Map.of(
                    "seq",
                    ++seq,
                    "type",
                    "COMMAND_RESULT",
                    "occurredAt",
                    Instant.now().toString(),
                    "commandId",
                    commandId,
                    "code",
                    code));
            event.put("detail", detail);
            var answer = who.post("/device/v1/vehicles/" + vin + "/events", Map.of("events", List.of(event)));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }

        JsonNode command(String id) {
            var answer = operatorWith(Role.SUPPORT_AGENT).get("/api/v1/commands/" + id);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer.json();
        }

        long audited(String action, String id) {
            return jdbc.sql(
                            "SELECT COUNT(*) FROM audit_record WHERE action = :a AND target = :t AND outcome = 'SUCCEEDED'")
                    .param("a", action)
                    .param("t", "command:" + id)
                    .query(Long.class)
                    .single();
        }

        @Test
        void aCommandIsDeliveredAtCheckinUntilTheVehicleAnswersAndTheAnswerIsStoredAndAudited() {
            String id =
                    requested(Map.of("type", "READ_DTCS", "ecuSerial", infotainment, "reason", "customer call 4711"));
            assertThat(command(id).get("status").asString()).isEqualTo("PENDING");

            JsonNode delivered = checkinCommands(vehicle, vin);
            assertThat(delivered).hasSize(1);
            assertThat(delivered.get(0).get("id").asString()).isEqualTo(id);
            assertThat(delivered.get(0).get("type").asString()).isEqualTo("READ_DTCS");
            assertThat(delivered.get(0).get("parameters").get("ecuSerial").asString())
                    .isEqualTo(infotainment);
            assertThat(command(id).get("status").asString()).isEqualTo("DELIVERED");
            assertThat(checkinCommands(vehicle, vin))
                    .as("delivered again until answered")
                    .hasSize(1);

            answer(vehicle, vin, id, "OK", "2 DTCs: B1000, U0100-87");
            JsonNode done = command(id);
            assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(done.get("resultDetail").asString()).isEqualTo("2 DTCs: B1000, U0100-87");
            assertThat(checkinCommands(vehicle, vin)).isEmpty();
            assertThat(audited("diagnostics.command-request", id)).isEqualTo(1);
            assertThat(audited("diagnostics.command-result", id)).isEqualTo(1);

            answer(vehicle, vin, id, "FAILED", "a late duplicate");
            assertThat(command(id).get("status").asString())
                    .as("an ended command stays ended")
                    .isEqualTo("SUCCEEDED");
        }

        @Test
        void clearingASafetyRelevantEcusFaultsWaitsForASecondEngineer() {
            String id = requested(Map.of("type", "CLEAR_DTCS", "ecuSerial", bms, "reason", "after repair"));
            assertThat(command(id).get("status").asString()).isEqualTo("AWAITING_APPROVAL");
            assertThat(checkinCommands(vehicle, vin)).as("not before approval").isEmpty();

            var self = engineer.post("/api/v1/commands/" + id + "/approve", Map.of("comment", "me"));
            assertThat(self.status()).isEqualTo(403);
            assertThat(self.code()).isEqualTo("self-approval");

            var second = operatorWith(Role.DIAGNOSTICS_ENGINEER)
                    .post("/api/v1/commands/" + id + "/approve", Map.of("comment", "checked the repair order"));
            assertThat(second.status()).as(second.body()).isEqualTo(200);
            assertThat(second.json().get("status").asString()).isEqualTo("PENDING");
            assertThat(checkinCommands(vehicle, vin))
                    .extracting(c -> c.get("type").asString())
                    .containsExactly("CLEAR_DTCS");
            assertThat(audited("diagnostics.command-approve", id)).isEqualTo(1);

            String plain = requested(Map.of("type", "CLEAR_DTCS", "ecuSerial", infotainment, "reason", "after repair"));
            assertThat(command(plain).get("status").asString())
                    .as("infotainment is not safety-relevant")
                    .isEqualTo("PENDING");
        }

        @Test
        void anUnansweredCommandExpiresAndIsNeverDeliveredAfterItsTime() {
            String id = requested(Map.of("type", "UPLOAD_LOGS", "reason", "crash analysis", "ttlSeconds", 60));
            jdbc.sql("UPDATE diagnostic_command SET expires_at = :past WHERE id = :id")
                    .param("past", OffsetDateTime.now().minusSeconds(1))
                    .param("id", id)
                    .update();
            assertThat(checkinCommands(vehicle, vin)).isEmpty();

            assertThat(remoteCommands.expireDue()).isGreaterThanOrEqualTo(1);
            assertThat(command(id).get("status").asString()).isEqualTo("EXPIRED");
            assertThat(audited("diagnostics.command-expire", id)).isEqualTo(1);
        }

        @Test
        void aVehicleCannotAnswerAnotherVehiclesCommand() {
            String id = requested(Map.of("type", "READ_DTCS", "reason", "fleet check"));
            checkinCommands(vehicle, vin);
            String other = fleet.vehicle("Cmd", "EU", "1.0.0", "CMD-OTHER");
            ApiClient otherVehicle = fleet.credentialFor(other);
            assertThat(checkinCommands(otherVehicle, other)).isEmpty();
            answer(otherVehicle, other, id, "OK", "forged");
            assertThat(command(id).get("status").asString()).isEqualTo("DELIVERED");
        }

        @Test
        void aCommandNotYetDeliveredCanBeCancelledOnce() {
            String id = requested(
                    Map.of("type", "READ_DATA", "parameters", Map.of("signals", "Vehicle.Speed"), "reason", "check"));
            var cancelled = engineer.post("/api/v1/commands/" + id + "/cancel", Map.of("comment", "wrong vehicle"));
            assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
            assertThat(checkinCommands(vehicle, vin)).isEmpty();
            var again = engineer.post("/api/v1/commands/" + id + "/cancel", Map.of("comment", "again"));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.code()).isEqualTo("command-not-cancellable");
        }

        @Test
        void badRequestsAreClearErrorsAndWriteNothing() {
            long before = count("diagnostic_command");
            record Bad(Map<String, Object> body, int status, String code) {}
            for (Bad bad : List.of(
                    new Bad(Map.of("type", "REFLASH", "reason", "x"), 400, "invalid-command"),
                    new Bad(Map.of("type", "READ_DTCS"), 400, "invalid-command"),
                    new Bad(
                            Map.of("type", "READ_DTCS", "reason", "x", "ttlSeconds", 99_999_999),
                            400,
                            "invalid-command"),
                    new Bad(Map.of("type", "READ_DATA", "reason", "x"), 400, "invalid-command"),
                    new Bad(Map.of("type", "READ_DTCS", "reason", "x\u0000"), 400, "invalid-command"),
                    new Bad(Map.of("type", "READ_DTCS", "reason", "x", "ecuSerial", "NOPE"), 422, "unknown-ecu"))) {
                var answer = request(engineer, bad.body());
                assertThat(answer.status())
                        .as("%s: %s", bad.body(), answer.body())
                        .isEqualTo(bad.status());
                assertThat(answer.code()).as("%s", bad.body()).isEqualTo(bad.code());
            }
            // Each parameter is within its limits, together they do not fit where a command's parameters are kept.
            Map<String, Object> parameters = new TreeMap<>();
            for (int i = 0; i < 20; i++) {
                parameters.put("p" + i + "-" + "n".repeat(60), "v".repeat(500));
            }
            var tooMuch = request(engineer, Map.of("type", "READ_DTCS", "reason", "x", "parameters", parameters));
            assertThat(tooMuch.status()).as(tooMuch.body()).isEqualTo(400);
            assertThat(tooMuch.code()).isEqualTo("invalid-command");
            var unknown = engineer.post(
                    "/api/v1/vehicles/WPW00000000000000/commands", Map.of("type", "READ_DTCS", "reason", "x"));
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(operatorWith(Role.SUPPORT_AGENT)
                            .post("/api/v1/vehicles/" + vin + "/commands", Map.of("type", "READ_DTCS", "reason", "x"))
                            .status())
                    .isEqualTo(403);
            assertThat(engineer.get("/api/v1/commands/nope").status()).isEqualTo(404);
            assertThat(count("diagnostic_command")).isEqualTo(before);
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
