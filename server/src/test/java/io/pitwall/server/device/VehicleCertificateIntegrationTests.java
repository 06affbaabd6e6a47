package io.pitwall.server.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.TestFleet;
import io.pitwall.server.support.TestPki;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Pinning, rotating and revoking vehicle client certificates through the operator API. Runs on H2 only:
 * the certificate checks are Java, and the SQL is single-row writes without locking or dialect SQL.
 */
class VehicleCertificateIntegrationTests {

    static final TestPki.Issued FLEET_CA = TestPki.ca("CN=Registration test fleet CA,O=Pitwall");

    abstract static class Contract extends IntegrationTest {

        @DynamicPropertySource
        static void fleetCa(DynamicPropertyRegistry registry) {
            registry.add("spring.ssl.bundle.pem.fleet.truststore.certificate", () -> FLEET_CA.certificatePem());
            registry.add("pitwall.device.client-certificates.fleet-ca-bundle", () -> "fleet");
        }

        String vehicle() {
            return new TestFleet(jdbc, admin).vehicle("Aurora", "EU", "1.0.0");
        }

        String path(String vin) {
            return "/api/v1/vehicles/" + vin + "/certificate";
        }

        long certificateRows() {
            return count("vehicle_certificate");
        }

        @Test
        void registeringPinsTheCertificateAndIsAudited() {
            String vin = vehicle();
            var client = TestPki.client(FLEET_CA, vin);
            var answer =
                    operatorWith(Role.FLEET_OPERATOR).put(path(vin), Map.of("certificate", client.certificatePem()));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().get("serialNumber").asString())
                    .isEqualTo(client.certificate().getSerialNumber().toString(16));
            String fingerprint = answer.json().get("fingerprint").asString();
            assertThat(fingerprint).hasSize(64);
            assertThat(admin.get(path(vin)).json().get("fingerprint").asString())
                    .isEqualTo(fingerprint);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM vehicle_certificate WHERE active_vin = :v AND fingerprint = :f")
                            .param("v", vin)
                            .param("f", fingerprint)
                            .query(Long.class)
                            .single())
                    .isOne();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'device.certificate.register' "
                                    + "AND target = :t AND outcome = 'SUCCEEDED'")
                            .param("t", "vehicle:" + vin)
                            .query(Long.class)
                            .single())
                    .isOne();
        }

        @Test
        void rotationRevokesThePreviousCertificateForGood() {
            String vin = vehicle();
            var first = TestPki.client(FLEET_CA, vin);
            var second = TestPki.client(FLEET_CA, vin);
            assertThat(admin.put(path(vin), Map.of("certificate", first.certificatePem()))
                            .status())
                    .isEqualTo(200);
            assertThat(admin.put(path(vin), Map.of("certificate", second.certificatePem()))
                            .status())
                    .isEqualTo(200);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM vehicle_certificate WHERE vin = :v AND revoked_at IS NOT NULL")
                            .param("v", vin)
                            .query(Long.class)
                            .single())
                    .isOne();
            long before = certificateRows();
            var again = admin.put(path(vin), Map.of("certificate", first.certificatePem()));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.code()).isEqualTo("certificate-revoked");
            assertThat(certificateRows()).isEqualTo(before);
        }

        @Test
        void certificatesThatDoNotCheckOutAreRefusedAndNothingIsWritten() {
            String vin = vehicle();
            var stranger = TestPki.ca("CN=Someone else's CA");
            Instant now = Instant.now();
            long before = certificateRows();
            var garbage = admin.put(path(vin), Map.of("certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n"));
            assertThat(garbage.status()).isEqualTo(400);
            assertThat(garbage.code()).isEqualTo("invalid-certificate");
            var otherVehicle = admin.put(
                    path(vin),
                    Map.of("certificate", TestPki.client(FLEET_CA, vehicle()).certificatePem()));
            assertThat(otherVehicle.status()).isEqualTo(422);
            assertThat(otherVehicle.code()).isEqualTo("certificate-vin-mismatch");
            var untrusted = admin.put(
                    path(vin),
                    Map.of("certificate", TestPki.client(stranger, vin).certificatePem()));
            assertThat(untrusted.status()).isEqualTo(422);
            assertThat(untrusted.code()).isEqualTo("certificate-untrusted");
            var expired = admin.put(
                    path(vin),
                    Map.of(
                            "certificate",
                            TestPki.client(FLEET_CA, vin, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)))
                                    .certificatePem()));
            assertThat(expired.status()).isEqualTo(422);
            assertThat(expired.code()).isEqualTo("certificate-expired");
            var longSerial = admin.put(
                    path(vin),
                    Map.of(
                            "certificate",
                            TestPki.client(FLEET_CA, vin, java.math.BigInteger.TWO.pow(263))
                                    .certificatePem()));
            assertThat(longSerial.status()).as(longSerial.body()).isEqualTo(422);
            assertThat(longSerial.code()).isEqualTo("certificate-serial-too-long");
            var notAVin = admin.put(
                    path(vin),
                    Map.of("certificate", TestPki.client(FLEET_CA, "not-a-vin").certificatePem()));
            assertThat(notAVin.code()).isEqualTo("certificate-vin-missing");
            var unknown = admin.put(
                    path("WPWNXSUCH00000000"),
                    Map.of(
                            "certificate",
                            TestPki.client(FLEET_CA, "WPWNXSUCH00000000").certificatePem()));
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(certificateRows()).isEqualTo(before);
        }

        @Test
        void revocationBySerialOrFingerprintIsRecordedAndChecked() {
            String vin = vehicle();
            var pinned = TestPki.client(FLEET_CA, vin);
            admin.put(path(vin), Map.of("certificate", pinned.certificatePem()));
            var bySerial = admin.post(
                    "/api/v1/vehicles/" + vin + "/certificate-revocations",
                    Map.of(
                            "serialNumber",
                            pinned.certificate().getSerialNumber().toString(16).toUpperCase()));
            assertThat(bySerial.status()).as(bySerial.body()).isEqualTo(204);
            assertThat(admin.get(path(vin)).code())
                    .as("the pinned one was that serial")
                    .isEqualTo("certificate-not-found");
            var byFingerprint = admin.post(
                    "/api/v1/vehicles/" + vin + "/certificate-revocations",
                    Map.of("fingerprint", "AB:".repeat(31) + "AB"));
            assertThat(byFingerprint.status()).isEqualTo(204);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM vehicle_certificate WHERE vin = :v AND fingerprint = :f "
                                    + "AND revoked_at IS NOT NULL")
                            .param("v", vin)
                            .param("f", "ab".repeat(32))
                            .query(Long.class)
                            .single())
                    .isOne();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'device.certificate.revoke' "
                                    + "AND target = :t")
                            .param("t", "vehicle:" + vin)
                            .query(Long.class)
                            .single())
                    .isEqualTo(2);
        }

        @Test
        void badRevocationsAreRefusedAndNothingIsWritten() {
            String vin = vehicle();
            long before = certificateRows();
            var revocations = "/api/v1/vehicles/" + vin + "/certificate-revocations";
            assertThat(admin.post(revocations, Map.of()).code()).isEqualTo("certificate-identity-required");
            assertThat(admin.post(revocations, Map.of("serialNumber", "xyz")).code())
                    .isEqualTo("invalid-serial-number");
            var shortFingerprint = admin.post(revocations, Map.of("fingerprint", "abcd"));
            assertThat(shortFingerprint.status()).isEqualTo(422);
            assertThat(shortFingerprint.code()).isEqualTo("invalid-fingerprint");
            var nothingPinned = admin.delete(path(vin));
            assertThat(nothingPinned.status()).isEqualTo(404);
            assertThat(nothingPinned.code()).isEqualTo("certificate-not-found");
            assertThat(certificateRows()).isEqualTo(before);
        }

        @Test
        void onlyOperatorsWhoMayWriteVehiclesChangeCertificates() {
            String vin = vehicle();
            long before = certificateRows();
            var viewer = operatorWith(Role.VIEWER);
            var answer = viewer.put(
                    path(vin),
                    Map.of("certificate", TestPki.client(FLEET_CA, vin).certificatePem()));
            assertThat(answer.status()).isEqualTo(403);
            assertThat(viewer.get(path(vin)).code()).isEqualTo("certificate-not-found");
            assertThat(certificateRows()).isEqualTo(before);
        }
    }

    @Nested
    class OnH2 extends Contract {}
}
