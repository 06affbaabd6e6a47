package io.pitwall.server.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.RawHttp;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;

/** A node serves its APIs only once it is ready; its health probes answer throughout. */
class ReadinessGateIntegrationTests extends IntegrationTest {

    private static final String ADMIN = "Authorization: Basic "
            + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes()) + "\r\n";

    @Autowired
    ApplicationContext context;

    @AfterEach
    void ready() {
        AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    }

    @Test
    void apisAreRefusedUntilTheNodeIsReadyAndHealthProbesAnswerThroughout() {
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);

        assertNotReady(request("GET /api/v1/me", ADMIN, null));
        assertNotReady(request("POST /api/v1/vehicles", ADMIN, "{\"vin\":\"WPWREADY000000001\"}"));
        assertNotReady(
                request("POST /device/v1/vehicles/WPWREADY000000001/checkin", "Authorization: Bearer x\r\n", "{}"));
        assertNotReady(request("POST /device/v1/enrolment", "", "{}"));
        assertNotReady(request("GET /repo/1.root.json", "", null));
        assertNotReady(request("GET /repo/targets/HW/abc.bin", "", null));
        assertNotReady(request("GET /%61pi/v1/me", ADMIN, null));
        assertNotReady(request("GET /actuator/../api/v1/me", ADMIN, null));
        assertThat(request("GET /actuator/health/liveness", "", null).status()).isEqualTo(200);
        var readiness = request("GET /actuator/health/readiness", "", null);
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.body()).contains("OUT_OF_SERVICE");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM vehicle WHERE vin = 'WPWREADY000000001'")
                        .query(Long.class)
                        .single())
                .as("nothing written while not ready")
                .isZero();

        AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);

        assertThat(request("GET /api/v1/me", ADMIN, null).status()).isEqualTo(200);
        assertThat(request("GET /repo/1.root.json", "", null).status()).isEqualTo(200);
        assertThat(request("GET /actuator/health/readiness", "", null).status()).isEqualTo(200);
    }

    private RawHttp.Answer request(String requestLine, String headers, String json) {
        String body = json == null
                ? ""
                : "Content-Type: application/json\r\nContent-Length: " + json.length() + "\r\n\r\n" + json;
        return RawHttp.exchange(
                port,
                requestLine + " HTTP/1.1\r\nHost: pitwall\r\nConnection: close\r\n" + headers
                        + (json == null ? "\r\n" : body));
    }

    private static void assertNotReady(RawHttp.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo("not-ready");
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.json().get("requestId").asString()).isNotBlank().isEqualTo(answer.header("X-Request-Id"));
    }
}
