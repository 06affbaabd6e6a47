package io.pitwall.server.device;

import static io.pitwall.server.support.HeldTransaction.async;
import static io.pitwall.server.support.HeldTransaction.awaitSomeoneBlocked;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.device.internal.VehicleEnrolment;
import io.pitwall.server.shared.Secrets;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.HeldTransaction;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/** Self-enrolment with the fleet secret: off by default, one credential per vehicle, no VIN oracle. */
class EnrolmentIntegrationTests {

    static final String SECRET = "fleet-enrolment-secret-for-tests";
    static final String PATH = "/device/v1/enrolment";

    abstract static class Base extends IntegrationTest {

        TestFleet fleet;
        String vin;

        @BeforeEach
        void vehicle() {
            fleet = new TestFleet(jdbc, admin);
            vin = fleet.vehicle("Enrol", "EU", "1.0.0", "ENROL-HW");
        }

        ApiClient.Response enrol(String vin, String secret) {
            return api.anonymous().post(PATH, Map.of("vin", vin, "enrolmentSecret", secret));
        }

        List<Object> credentialsAndAudit() {
            return List.of(
                    count("vehicle_credential"),
                    jdbc.sql("SELECT COUNT(*) FROM vehicle_credential WHERE revoked_at IS NULL")
                            .query(Long.class)
                            .single(),
                    jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE outcome = 'SUCCEEDED'")
                            .query(Long.class)
                            .single());
        }

        void assertRefused(ApiClient.Response answer, int status, String code, List<Object> before) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(status);
            assertThat(answer.code()).isEqualTo(code);
            assertThat(answer.body()).doesNotContain("pwv_", SECRET);
            assertThat(credentialsAndAudit()).as("no credential issued").isEqualTo(before);
        }
    }

    @TestPropertySource(properties = "pitwall.device.enrolment-secret=" + SECRET)
    abstract static class Enabled extends Base {

        @Autowired
        PlatformTransactionManager transactions;

        @Autowired
        DataSource dataSource;

        @Autowired
        VehicleEnrolment enrolment;

        @Test
        void aKnownVehicleWithoutCredentialEnrolsWithoutBearerAndItsTokenIsStoredHashed() {
            var answer = enrol(vin, SECRET);
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            assertThat(answer.json().get("vin").asString()).isEqualTo(vin);
            String token = answer.json().get("token").asString();
            assertThat(token).startsWith("pwv_").hasSizeGreaterThan(40);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM vehicle_credential WHERE token_hash = :h AND vin = :v "
                                    + "AND revoked_at IS NULL")
                            .param("h", Secrets.sha256Hex(token))
                            .param("v", vin)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM vehicle_credential WHERE token_hash = :t")
                            .param("t", token)
                            .query(Long.class)
                            .single())
                    .isZero();
            assertThat(api.withToken(token)
                            .get("/device/v1/vehicles/" + vin + "/credential")
                            .status())
                    .isEqualTo(200);
            assertThat(jdbc.sql("SELECT operator || ' ' || outcome FROM audit_record WHERE action = 'device.enrol' "
                                    + "AND target = :t")
                            .param("t", "vehicle:" + vin)
                            .query(String.class)
                            .list())
                    .containsExactly("vehicle:" + vin + " SUCCEEDED");
        }

        @Test
        void aWrongSecretAndAnUnknownVehicleGetTheSameAuditedRefusal() {
            var before = credentialsAndAudit();
            var wrongSecret = enrol(vin, SECRET + "x");
            assertRefused(wrongSecret, 401, "enrolment-refused", before);
            for (String unknown : List.of("WPWNOSUCHVEHICLE1", "garbage", "wpw" + vin.substring(3), "\u0000")) {
                var answer = enrol(unknown, SECRET);
                assertRefused(answer, 401, "enrolment-refused", before);
                assertThat(answer.json().get("detail"))
                        .isEqualTo(wrongSecret.json().get("detail"));
            }
            assertThat(jdbc.sql("SELECT target FROM audit_record WHERE action = 'device.enrol' AND outcome = 'REFUSED' "
                                    + "AND target IN (:a, :b)")
                            .param("a", "vehicle:" + vin)
                            .param("b", "vehicle:WPWNOSUCHVEHICLE1")
                            .query(String.class)
                            .list())
                    .hasSize(2);
        }

        @Test
        void aVehicleWithAnActiveCredentialIsAlreadyEnrolledAndKeepsIt() {
            ApiClient provisioned = fleet.credentialFor(vin);
            var before = credentialsAndAudit();
            assertRefused(enrol(vin, SECRET), 409, "already-enrolled", before);
            assertThat(provisioned
                            .get("/device/v1/vehicles/" + vin + "/credential")
                            .status())
                    .isEqualTo(200);

            String other = fleet.vehicle("Enrol", "EU", "1.0.0", "ENROL-HW");
            assertThat(enrol(other, SECRET).status()).isEqualTo(201);
            var again = credentialsAndAudit();
            assertRefused(enrol(other, SECRET), 409, "already-enrolled", again);
        }

        @Test
        void aRevokedVehicleMayEnrolAgainButABlockedOneMayNot() {
            fleet.credentialFor(vin);
            assertThat(admin.delete("/api/v1/vehicles/" + vin + "/credentials").status())
                    .isEqualTo(204);
            assertThat(enrol(vin, SECRET).status()).isEqualTo(201);

            assertThat(admin.post("/api/v1/vehicles/" + vin + "/block", Map.of("reason", "stolen"))
                            .status())
                    .isEqualTo(204);
            assertThat(admin.delete("/api/v1/vehicles/" + vin + "/credentials").status())
                    .isEqualTo(204);
            assertRefused(enrol(vin, SECRET), 401, "vehicle-blocked", credentialsAndAudit());
        }

        @Test
        void malformedEnrolmentsAreRefusedWithoutIssuing() {
            var before = credentialsAndAudit();
            for (String body : List.of(
                    "{",
                    "null",
                    "[]",
                    "{\"vin\": \"" + vin + "\"}",
                    "{\"enrolmentSecret\": \"" + SECRET + "\"}",
                    "{\"vin\": \"\", \"enrolmentSecret\": \"" + SECRET + "\"}",
                    "{\"vin\": \"WP0ZZZ99ZTS000000\", \"vin\": \"" + vin + "\", \"enrolmentSecret\": \"" + SECRET
                            + "\"}")) {
                assertRefused(
                        api.send("POST", PATH, "application/json", body.getBytes()), 400, "invalid-enrolment", before);
            }
            assertRefused(
                    api.send("POST", PATH, "text/plain", ("vin=" + vin).getBytes()),
                    415,
                    "unsupported-media-type",
                    before);
        }

        @Test
        void twoEnrolmentsOfOneVehicleAtOnceIssueOneCredential() {
            try (var first = HeldTransaction.open(transactions, () -> enrolment.enrol(vin, SECRET))) {
                var second = async(() -> enrol(vin, SECRET));
                awaitSomeoneBlocked(dataSource, jdbc);
                first.commit();
                assertThat(second.join().status()).as(second.join().body()).isEqualTo(409);
                assertThat(second.join().code()).isEqualTo("already-enrolled");
            }
            assertThat(jdbc.sql("SELECT COUNT(*) FROM vehicle_credential WHERE vin = :v AND revoked_at IS NULL")
                            .param("v", vin)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }

    abstract static class Disabled extends Base {

        @Test
        void enrolmentIsOffByDefault() {
            var before = credentialsAndAudit();
            assertRefused(enrol(vin, SECRET), 404, "enrolment-disabled", before);
            assertRefused(
                    api.send("POST", PATH, "application/json", "{".getBytes()), 404, "enrolment-disabled", before);
        }
    }

    @Nested
    class OnH2 extends Enabled {}

    @Nested
    @PostgresTest
    class OnPostgres extends Enabled {}

    @Nested
    class OffOnH2 extends Disabled {}

    @Nested
    @PostgresTest
    class OffOnPostgres extends Disabled {}
}
