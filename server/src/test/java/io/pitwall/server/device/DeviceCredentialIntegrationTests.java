package io.pitwall.server.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.TestFleet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Runs on H2 only: authentication rules in Java over single-row SQL, without locking or dialect SQL. */
class DeviceCredentialIntegrationTests {

    abstract static class Contract extends IntegrationTest {

        String vehicle() {
            return new TestFleet(jdbc, admin).vehicle("Aurora", "EU", "1.0.0");
        }

        ApiClient device(String token) {
            return api.withToken(token);
        }

        @Test
        void aProvisionedVehicleAuthenticatesAndIsStoredOnlyHashed() {
            String vin = vehicle();
            var issued = operatorWith(Role.FLEET_OPERATOR).post("/api/v1/vehicles/" + vin + "/credentials", "");
            assertThat(issued.status()).isEqualTo(201);
            String token = issued.json().get("token").asString();
            assertThat(token).startsWith("pwv_").hasSizeGreaterThan(40);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM vehicle_credential WHERE token_hash = :t")
                            .param("t", token)
                            .query(Long.class)
                            .single())
                    .isZero();
            var check = device(token).get("/device/v1/vehicles/" + vin + "/credential");
            assertThat(check.status()).isEqualTo(200);
            assertThat(check.json().get("vin").asString()).isEqualTo(vin);
        }

        @Test
        void aCredentialCannotActForAnotherVehicle() {
            String mine = vehicle();
            String other = vehicle();
            String token = admin.post("/api/v1/vehicles/" + mine + "/credentials", "")
                    .json()
                    .get("token")
                    .asString();
            var answer = device(token).get("/device/v1/vehicles/" + other + "/credential");
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.code()).isEqualTo("vin-mismatch");
        }

        @Test
        void rotationRevocationAndBlockingShutTheVehicleOut() {
            String vin = vehicle();
            String first = admin.post("/api/v1/vehicles/" + vin + "/credentials", "")
                    .json()
                    .get("token")
                    .asString();
            assertThat(device(first)
                            .get("/device/v1/vehicles/" + vin + "/credential")
                            .status())
                    .as("used, so the credential cache knows it")
                    .isEqualTo(200);
            String second = admin.post("/api/v1/vehicles/" + vin + "/credentials", "")
                    .json()
                    .get("token")
                    .asString();
            assertThat(device(first)
                            .get("/device/v1/vehicles/" + vin + "/credential")
                            .code())
                    .isEqualTo("device-credential-invalid");
            assertThat(device(second)
                            .get("/device/v1/vehicles/" + vin + "/credential")
                            .status())
                    .isEqualTo(200);

            assertThat(admin.post("/api/v1/vehicles/" + vin + "/block", Map.of("reason", "stolen"))
                            .status())
                    .isEqualTo(204);
            var blocked = device(second).get("/device/v1/vehicles/" + vin + "/credential");
            assertThat(blocked.status()).isEqualTo(401);
            assertThat(blocked.code()).isEqualTo("vehicle-blocked");
            assertThat(admin.delete("/api/v1/vehicles/" + vin + "/block").status())
                    .isEqualTo(204);
            assertThat(device(second)
                            .get("/device/v1/vehicles/" + vin + "/credential")
                            .status())
                    .isEqualTo(200);

            assertThat(admin.delete("/api/v1/vehicles/" + vin + "/credentials").status())
                    .isEqualTo(204);
            assertThat(device(second)
                            .get("/device/v1/vehicles/" + vin + "/credential")
                            .status())
                    .isEqualTo(401);
        }

        @Test
        void bulkIssueIsAllOrNothing() {
            String a = vehicle();
            String b = vehicle();
            long before = count("vehicle_credential");
            var refused = admin.post("/api/v1/vehicles/credentials", Map.of("vins", List.of(a, "WPWNOSUCHVEHICLE0")));
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.code()).isEqualTo("vehicle-not-found");
            assertThat(count("vehicle_credential")).isEqualTo(before);
            var issued = admin.post("/api/v1/vehicles/credentials", Map.of("vins", List.of(a, b)));
            assertThat(issued.status()).isEqualTo(201);
            assertThat(issued.json().size()).isEqualTo(2);
        }

        @Test
        void missingOrGarbageCredentialsAreRefused() {
            String vin = vehicle();
            assertThat(api.get("/device/v1/vehicles/" + vin + "/credential").code())
                    .isEqualTo("device-unauthenticated");
            assertThat(device("garbage")
                            .get("/device/v1/vehicles/" + vin + "/credential")
                            .code())
                    .isEqualTo("device-credential-invalid");
            long before = count("vehicle_credential");
            assertThat(admin.post("/api/v1/vehicles/WPWNOSUCHVEHICLE0/credentials", "")
                            .status())
                    .isEqualTo(404);
            assertThat(count("vehicle_credential")).isEqualTo(before);
        }
    }

    @Nested
    class OnH2 extends Contract {}
}
