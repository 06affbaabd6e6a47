package io.pitwall.server.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.agent.TransportException;
import io.pitwall.agent.http.HttpTransport;
import io.pitwall.protocol.device.CheckinRequest;
import io.pitwall.protocol.device.Connectivity;
import io.pitwall.protocol.device.EcuVersion;
import io.pitwall.protocol.device.VehicleSignals;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.TestFleet;
import io.pitwall.server.support.TestPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Vehicle mTLS over real HTTPS on 127.0.0.1: one port, {@code client-auth: want}, fleet CA and server key from
 * one Boot SSL bundle; certificates generated here. Token clients keep working on the same port.
 */
class ClientCertificateAuthenticationTests extends IntegrationTest {

    static final TestPki.Issued FLEET_CA = TestPki.ca("CN=Test fleet CA,O=Pitwall");
    static final TestPki.Issued SERVER_CA = TestPki.ca("CN=Test server CA,O=Pitwall");
    static final TestPki.Issued SERVER = TestPki.server(SERVER_CA);

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) {
        registry.add("spring.ssl.bundle.pem.device.keystore.certificate", SERVER::certificatePem);
        registry.add("spring.ssl.bundle.pem.device.keystore.private-key", SERVER::privateKeyPem);
        registry.add("spring.ssl.bundle.pem.device.truststore.certificate", FLEET_CA::certificatePem);
        registry.add("server.ssl.bundle", () -> "device");
        registry.add("server.ssl.client-auth", () -> "want");
        registry.add("pitwall.device.client-certificates.fleet-ca-bundle", () -> "device");
    }

    String base() {
        return "https://127.0.0.1:" + port;
    }

    ApiClient presenting(TestPki.Issued certificate) {
        return ApiClient.at(base(), http(certificate == null ? null : certificate.keyStore()));
    }

    ApiClient operator() {
        return presenting(null).as("admin", ADMIN_PASSWORD);
    }

    static HttpClient http(KeyStore keys) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, TestPki.PASSWORD);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(TestPki.trustStore(SERVER_CA.certificate()));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return HttpClient.newBuilder()
                    .sslContext(context)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String vehicle() {
        return new TestFleet(jdbc, admin).vehicle("Aurora", "EU", "1.0.0");
    }

    static String credential(String vin) {
        return "/device/v1/vehicles/" + vin + "/credential";
    }

    @Test
    void aFleetCertificateWithTheVinAuthenticatesAsThatVehicle() {
        String vin = vehicle();
        var answer = presenting(TestPki.client(FLEET_CA, vin)).get(credential(vin));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("vin").asString()).isEqualTo(vin);
    }

    @Test
    void theAgentTransportChecksInWithItsClientCertificate() throws Exception {
        String vin = vehicle();
        var transport = HttpTransport.builder(URI.create(base()), vin)
                .clientCertificate(TestPki.client(FLEET_CA, vin).keyStore(), TestPki.PASSWORD)
                .trustStore(TestPki.trustStore(SERVER_CA.certificate()))
                .build();
        var response = transport.checkin(new CheckinRequest(
                VehicleSignals.parkedAndOff(80.0, 12.6),
                Connectivity.WIFI,
                true,
                List.of(new EcuVersion("MTLS-" + vin, "MTLS-HW", "1.0.0", null))));
        assertThat(response.pollAfterSeconds()).isPositive();
        assertThat(count("vehicle_report")).isPositive();
        var stranger = HttpTransport.builder(URI.create(base()), vin)
                .clientCertificate(
                        TestPki.client(TestPki.ca("CN=Rogue CA"), vin).keyStore(), TestPki.PASSWORD)
                .trustStore(TestPki.trustStore(SERVER_CA.certificate()))
                .build();
        assertThatThrownBy(() -> stranger.checkin(new CheckinRequest(
                        VehicleSignals.parkedAndOff(80.0, 12.6), Connectivity.WIFI, true, List.of())))
                .isInstanceOfSatisfying(
                        TransportException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void aCertificateCannotActForAnotherVehicle() {
        String mine = vehicle();
        var answer = presenting(TestPki.client(FLEET_CA, mine)).get(credential(vehicle()));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.code()).isEqualTo("vin-mismatch");
    }

    @Test
    void untrustedExpiredAndVinlessCertificatesGet401ProblemJson() {
        String vin = vehicle();
        Instant now = Instant.now();
        var untrusted =
                presenting(TestPki.client(TestPki.ca("CN=Rogue CA"), vin)).get(credential(vin));
        assertThat(untrusted.status()).isEqualTo(401);
        assertThat(untrusted.contentType()).startsWith("application/problem+json");
        assertThat(untrusted.code()).isEqualTo("certificate-untrusted");
        var expired = presenting(
                        TestPki.client(FLEET_CA, vin, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1))))
                .get(credential(vin));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.code()).isEqualTo("certificate-expired");
        var vinless = presenting(TestPki.client(FLEET_CA, "workshop-tester")).get(credential(vin));
        assertThat(vinless.status()).isEqualTo(401);
        assertThat(vinless.code()).isEqualTo("certificate-vin-missing");
        var unknownVehicle =
                presenting(TestPki.client(FLEET_CA, "WPWNXSUCH00000001")).get(credential("WPWNXSUCH00000001"));
        assertThat(unknownVehicle.code()).isEqualTo("device-certificate-invalid");
    }

    @Test
    void revokedAndSupersededCertificatesGet401() {
        String vin = vehicle();
        var revokedBySerial = TestPki.client(FLEET_CA, vin);
        assertThat(presenting(revokedBySerial).get(credential(vin)).status())
                .as("known to the cache")
                .isEqualTo(200);
        assertThat(operator()
                        .post(
                                "/api/v1/vehicles/" + vin + "/certificate-revocations",
                                Map.of(
                                        "serialNumber",
                                        revokedBySerial
                                                .certificate()
                                                .getSerialNumber()
                                                .toString(16)))
                        .status())
                .isEqualTo(204);
        var refused = presenting(revokedBySerial).get(credential(vin));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("device-certificate-invalid");

        var pinned = TestPki.client(FLEET_CA, vin);
        var other = TestPki.client(FLEET_CA, vin);
        assertThat(presenting(other).get(credential(vin)).status())
                .as("nothing pinned: any fleet cert")
                .isEqualTo(200);
        assertThat(operator()
                        .put("/api/v1/vehicles/" + vin + "/certificate", Map.of("certificate", pinned.certificatePem()))
                        .status())
                .isEqualTo(200);
        assertThat(presenting(pinned).get(credential(vin)).status()).isEqualTo(200);
        assertThat(presenting(other).get(credential(vin)).code())
                .as("only the pinned one")
                .isEqualTo("device-certificate-invalid");
        assertThat(operator().delete("/api/v1/vehicles/" + vin + "/certificate").status())
                .isEqualTo(204);
        assertThat(presenting(pinned).get(credential(vin)).status()).isEqualTo(401);
    }

    @Test
    void aBlockedVehicleIsRefusedWhateverItPresents() {
        String vin = vehicle();
        var certificate = TestPki.client(FLEET_CA, vin);
        assertThat(operator()
                        .post("/api/v1/vehicles/" + vin + "/block", Map.of("reason", "stolen"))
                        .status())
                .isEqualTo(204);
        var answer = presenting(certificate).get(credential(vin));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("vehicle-blocked");
    }

    @Test
    void tokenClientsKeepWorkingOnTheSamePort() {
        String vin = vehicle();
        String token = operator()
                .post("/api/v1/vehicles/" + vin + "/credentials", "")
                .json()
                .get("token")
                .asString();
        var answer = presenting(null).withToken(token).get(credential(vin));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("vin").asString()).isEqualTo(vin);
        var nothing = presenting(null).get(credential(vin));
        assertThat(nothing.status()).isEqualTo(401);
        assertThat(nothing.code()).isEqualTo("device-unauthenticated");
    }
}
