package io.pitwall.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.protocol.device.EcuVersionReport;
import io.pitwall.protocol.device.Hashes;
import io.pitwall.protocol.tuf.Ed25519;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.security.KeyPair;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Attack suite row 16, server side: forged and replayed ECU version reports. A check-in carrying a bad
 * report still answers 200 (one bad ECU must not cut a vehicle off from updates), but the report is not
 * taken as the ECU's attested state and an attack indicator (kind, ECU, time) is recorded and audited.
 */
class EcuReportAttackIntegrationTests {

    abstract static class Contract extends IntegrationTest {

        static final String SHA = "c".repeat(64);
        final KeyPair ecuKey = Ed25519.generate();
        String vin;
        String serial;
        String keylessSerial;
        ApiClient vehicle;

        @BeforeEach
        void vehicleWithARegisteredEcuKey() {
            var fleet = new TestFleet(jdbc, admin);
            vin = fleet.vehicle("Sig", "EU", "1.0.0", "SIG-HW", "NOKEY-HW");
            serial = "SIG-HW-" + vin;
            keylessSerial = "NOKEY-HW-" + vin;
            vehicle = fleet.credentialFor(vin);
            var registered = admin.put(
                    "/api/v1/vehicles/" + vin + "/ecus/" + serial + "/key",
                    TufKey.of(ecuKey.getPublic()).toJson());
            assertThat(registered.status()).as(registered.body()).isEqualTo(200);
            assertThat(registered.json().get("keyId").asString())
                    .isEqualTo(TufKey.of(ecuKey.getPublic()).keyId());
        }

        JsonNode report(KeyPair signer, String ecu, long counter, String nonce) {
            var report = new EcuVersionReport(
                    ecu, "sig-1.0.0.bin", 4096, new Hashes(SHA, null), counter, nonce, Instant.now());
            return report.sign(TufKey.of(ecuKey.getPublic()), m -> Ed25519.sign(signer.getPrivate(), m))
                    .toJson();
        }

        ApiClient.Response checkin(String version, List<JsonNode> reports) {
            Map<String, Object> body = new HashMap<>(Map.of(
                    "connectivity",
                    "WIFI",
                    "ownerConsent",
                    true,
                    "ecus",
                    List.of(Map.of(
                            "serial",
                            serial,
                            "hardwareId",
                            "SIG-HW",
                            "installedVersion",
                            version,
                            "installedSha256",
                            SHA))));
            if (!reports.isEmpty()) {
                body.put("ecuReports", reports);
            }
            var answer = vehicle.post("/device/v1/vehicles/" + vin + "/checkin", body);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer;
        }

        /** First contact without reports: the server asks for fresh ones. */
        String nonceOfFirstContact() {
            JsonNode nonce = checkin("1.0.0", List.of()).json().get("reportNonce");
            assertThat(nonce)
                    .as("a vehicle with ECU keys is asked for reports at first contact")
                    .isNotNull();
            return nonce.asString();
        }

        JsonNode ecuKeyState() {
            JsonNode ecus =
                    admin.get("/api/v1/vehicles/" + vin + "/ecu-keys").json().get("ecus");
            assertThat(ecus).hasSize(1);
            return ecus.get(0);
        }

        JsonNode indicators() {
            var answer = operatorWith(io.pitwall.server.access.Role.VIEWER)
                    .get("/api/v1/vehicles/" + vin + "/attack-indicators");
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer.json().get("indicators");
        }

        long audited(String kind) {
            return jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'inventory.attack-indicator' "
                            + "AND target = :t AND details LIKE :k")
                    .param("t", "vehicle:" + vin)
                    .param("k", "%" + kind + "%")
                    .query(Long.class)
                    .single();
        }

        @Test
        void aValidlySignedFreshReportIsAcceptedAsTheEcusAttestedStateAndClearsTheRequest() {
            String nonce = nonceOfFirstContact();
            var answer = checkin("1.0.0", List.of(report(ecuKey, serial, 1, nonce)));
            assertThat(answer.json().has("reportNonce")).isFalse();
            JsonNode state = ecuKeyState();
            assertThat(state.get("lastCounter").asLong()).isEqualTo(1);
            assertThat(state.get("attestedSha256").asString()).isEqualTo(SHA);
            assertThat(state.get("attestedPath").asString()).isEqualTo("sig-1.0.0.bin");
            assertThat(indicators()).isEmpty();
            assertThat(checkin("1.0.0", List.of()).json().has("reportNonce"))
                    .as("idle afterwards")
                    .isFalse();
        }

        @Test
        void row16ForgedEcuReportSignedByAnotherKeyIsFlaggedNotUsedAndTheCheckinStillAnswers() {
            String nonce = nonceOfFirstContact();
            var answer = checkin("1.0.0", List.of(report(Ed25519.generate(), serial, 1, nonce)));
            assertThat(answer.json().get("pollAfterSeconds").asInt()).isPositive();
            assertThat(ecuKeyState().has("lastCounter"))
                    .as("not taken as the ECU's state")
                    .isFalse();
            JsonNode indicators = indicators();
            assertThat(indicators).hasSize(1);
            assertThat(indicators.get(0).get("kind").asString()).isEqualTo("FORGED_REPORT");
            assertThat(indicators.get(0).get("ecuSerial").asString()).isEqualTo(serial);
            assertThat(OffsetDateTime.parse(indicators.get(0).get("observedAt").asString()))
                    .isAfter(OffsetDateTime.now().minusMinutes(1));
            assertThat(audited("FORGED_REPORT")).isEqualTo(1);
        }

        @Test
        void row16ReplayedEcuReportWithAnAlreadyAcceptedCounterIsFlaggedWhenTheServerAsksAgain() {
            JsonNode accepted = report(ecuKey, serial, 5, nonceOfFirstContact());
            checkin("1.0.0", List.of(accepted));
            reportsDueNow();
            JsonNode asked = checkin("1.0.0", List.of()).json().get("reportNonce");
            assertThat(asked).as("asked again once the report interval passed").isNotNull();
            checkin("1.0.0", List.of(accepted));
            JsonNode indicators = indicators();
            assertThat(indicators).hasSize(1);
            assertThat(indicators.get(0).get("kind").asString()).isEqualTo("REPLAYED_REPORT");
            assertThat(indicators.get(0).get("detail").asString()).contains("5");
            assertThat(ecuKeyState().get("lastCounter").asLong()).isEqualTo(5);
            assertThat(audited("REPLAYED_REPORT")).isEqualTo(1);
        }

        @Test
        void row16ReplayedEcuReportAnsweringAnEarlierNonceIsFlaggedEvenWithAHigherCounter() {
            String first = nonceOfFirstContact();
            checkin("1.0.0", List.of(report(ecuKey, serial, 1, first)));
            reportsDueNow();
            String second =
                    checkin("1.0.0", List.of()).json().get("reportNonce").asString();
            assertThat(second).isNotEqualTo(first);
            checkin("1.0.0", List.of(report(ecuKey, serial, 2, first)));
            assertThat(indicators().get(0).get("kind").asString()).isEqualTo("REPLAYED_REPORT");
            assertThat(ecuKeyState().get("lastCounter").asLong()).isEqualTo(1);
        }

        @Test
        void row16ReportForAnEcuWithoutARegisteredKeyIsFlaggedAsUnknown() {
            String nonce = nonceOfFirstContact();
            checkin("1.0.0", List.of(report(ecuKey, serial, 1, nonce), report(ecuKey, keylessSerial, 1, nonce)));
            JsonNode indicators = indicators();
            assertThat(indicators).hasSize(1);
            assertThat(indicators.get(0).get("kind").asString()).isEqualTo("UNKNOWN_ECU");
            assertThat(indicators.get(0).get("ecuSerial").asString()).isEqualTo(keylessSerial);
            assertThat(ecuKeyState().get("lastCounter").asLong())
                    .as("the good report still counts")
                    .isEqualTo(1);
        }

        @Test
        void aChangedManifestIsVerifiedWithoutBeingAskedAndAnUnchangedOneNobodyAskedForIsNot() {
            checkin("1.0.0", List.of(report(ecuKey, serial, 1, nonceOfFirstContact())));
            long before = count("attack_indicator");
            checkin("1.0.0", List.of(report(Ed25519.generate(), serial, 2, null)));
            assertThat(count("attack_indicator"))
                    .as("idle, not asked: not verified")
                    .isEqualTo(before);
            checkin("2.0.0", List.of(report(ecuKey, serial, 3, null)));
            assertThat(ecuKeyState().get("lastCounter").asLong())
                    .as("installed versions changed")
                    .isEqualTo(3);
            assertThat(count("attack_indicator")).isEqualTo(before);
        }

        @Test
        void aChangedManifestWithoutReportsIsAskedForThem() {
            checkin("1.0.0", List.of(report(ecuKey, serial, 1, nonceOfFirstContact())));
            assertThat(checkin("2.0.0", List.of()).json().get("reportNonce")).isNotNull();
        }

        @Test
        void aMalformedEcuReportIsABadRequestAndNothingIsWritten() {
            long reports = count("vehicle_report");
            long indicators = count("attack_indicator");
            var answer = vehicle.post(
                    "/device/v1/vehicles/" + vin + "/checkin",
                    Map.of(
                            "connectivity",
                            "WIFI",
                            "ownerConsent",
                            true,
                            "ecus",
                            List.of(),
                            "ecuReports",
                            List.of(Map.of(
                                    "signed",
                                    Map.of("_type", "ecu-version-report", "ecu_serial", serial),
                                    "signatures",
                                    List.of()))));
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("invalid-ecu-report");
            assertThat(count("vehicle_report")).isEqualTo(reports);
            assertThat(count("attack_indicator")).isEqualTo(indicators);
        }

        @Test
        void aBadKeyOrAnUnknownEcuIsRefusedAndNothingIsRegisteredAndAGoodOneIsAudited() {
            long keys = count("ecu_key");
            var notEd25519 = admin.put(
                    "/api/v1/vehicles/" + vin + "/ecus/" + keylessSerial + "/key",
                    Map.of("keytype", "rsa", "scheme", "rsassa-pss-sha256", "keyval", Map.of("public", "x")));
            assertThat(notEd25519.status()).isEqualTo(422);
            assertThat(notEd25519.code()).isEqualTo("invalid-ecu-key");
            var shortKey = admin.put(
                    "/api/v1/vehicles/" + vin + "/ecus/" + keylessSerial + "/key",
                    Map.of("keytype", "ed25519", "scheme", "ed25519", "keyval", Map.of("public", "abcd")));
            assertThat(shortKey.code()).isEqualTo("invalid-ecu-key");
            var unknownEcu = admin.put(
                    "/api/v1/vehicles/" + vin + "/ecus/NO-SUCH-ECU/key",
                    TufKey.of(Ed25519.generate().getPublic()).toJson());
            assertThat(unknownEcu.status()).isEqualTo(404);
            assertThat(unknownEcu.code()).isEqualTo("ecu-not-found");
            var bulkWithOneBad = admin.post(
                    "/api/v1/vehicles/ecu-keys",
                    Map.of(
                            "keys",
                            List.of(
                                    Map.of(
                                            "vin",
                                            vin,
                                            "serial",
                                            keylessSerial,
                                            "key",
                                            TufKey.of(Ed25519.generate().getPublic())
                                                    .toJson()),
                                    Map.of(
                                            "vin",
                                            vin,
                                            "serial",
                                            "NO-SUCH-ECU",
                                            "key",
                                            TufKey.of(Ed25519.generate().getPublic())
                                                    .toJson()))));
            assertThat(bulkWithOneBad.status()).isEqualTo(404);
            assertThat(count("ecu_key")).isEqualTo(keys);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'inventory.ecu-key.register' "
                                    + "AND target = :t")
                            .param("t", "ecu:" + vin + "/" + serial)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }

        @Test
        void aNewKeyForAnEcuStartsItsCounterAfreshAndABulkRegistrationRegistersAll() {
            checkin("1.0.0", List.of(report(ecuKey, serial, 9, nonceOfFirstContact())));
            KeyPair replacement = Ed25519.generate();
            var bulk = admin.post(
                    "/api/v1/vehicles/ecu-keys",
                    Map.of(
                            "keys",
                            List.of(
                                    Map.of(
                                            "vin",
                                            vin,
                                            "serial",
                                            serial,
                                            "key",
                                            TufKey.of(replacement.getPublic()).toJson()),
                                    Map.of(
                                            "vin",
                                            vin,
                                            "serial",
                                            keylessSerial,
                                            "key",
                                            TufKey.of(Ed25519.generate().getPublic())
                                                    .toJson()))));
            assertThat(bulk.status()).as(bulk.body()).isEqualTo(200);
            assertThat(bulk.json().get("registered").asInt()).isEqualTo(2);
            JsonNode ecus =
                    admin.get("/api/v1/vehicles/" + vin + "/ecu-keys").json().get("ecus");
            assertThat(ecus).hasSize(2);
            assertThat(ecus.get(0).get("serial").asString()).isEqualTo(keylessSerial);
            assertThat(ecus.get(1).has("lastCounter")).isFalse();
            assertThat(checkin("1.0.0", List.of()).json().get("reportNonce"))
                    .as("asked after registration")
                    .isNotNull();
        }

        @Test
        void aVehicleWithoutEcuKeysIsNeverAskedForReports() {
            var fleet = new TestFleet(jdbc, admin);
            String plain = fleet.vehicle("Sig", "EU", "1.0.0", "PLAIN-HW");
            ApiClient car = fleet.credentialFor(plain);
            for (int i = 0; i < 2; i++) {
                var answer = car.post(
                        "/device/v1/vehicles/" + plain + "/checkin",
                        Map.of(
                                "connectivity",
                                "WIFI",
                                "ownerConsent",
                                true,
                                "ecus",
                                List.of(Map.of(
                                        "serial",
                                        "PLAIN-HW-" + plain,
                                        "hardwareId",
                                        "PLAIN-HW",
                                        "installedVersion",
                                        "1.0." + i))));
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                assertThat(answer.json().has("reportNonce")).isFalse();
            }
        }

        private void reportsDueNow() {
            jdbc.sql("UPDATE vehicle_report SET reports_due_at = :at WHERE vin = :v")
                    .param("at", OffsetDateTime.now().minusSeconds(1))
                    .param("v", vin)
                    .update();
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
