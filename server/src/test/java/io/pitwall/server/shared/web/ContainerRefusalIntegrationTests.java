package io.pitwall.server.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.RawHttp;
import org.junit.jupiter.api.Test;

/** What Tomcat refuses before any filter or controller runs is answered like every other error. */
class ContainerRefusalIntegrationTests extends IntegrationTest {

    @Test
    void badPercentEncodingIsAProblemWithARequestId() {
        assertProblem(get("/%zz"), 400, "malformed-request");
    }

    @Test
    void anEncodedNulIsAProblemWithARequestId() {
        assertProblem(get("/api/v1/vehicles/%00"), 400, "malformed-request");
    }

    @Test
    void anOverLongRequestLineIsAProblemWithARequestId() {
        assertProblem(get("/api/v1/vehicles/" + "a".repeat(16 * 1024)), 400, "malformed-request");
    }

    @Test
    void anOverLongHeaderIsAProblemWithARequestId() {
        var answer = RawHttp.exchange(
                port,
                "GET /actuator/health HTTP/1.1\r\nHost: pitwall\r\nX-Filler: " + "f".repeat(16 * 1024)
                        + "\r\nConnection: close\r\n\r\n");

        assertProblem(answer, 400, "malformed-request");
    }

    @Test
    void traceIsRefusedAsAProblemWithARequestId() {
        for (String path : new String[] {"/", "/api/v1/vehicles", "/actuator/health"}) {
            var answer =
                    RawHttp.exchange(port, "TRACE " + path + " HTTP/1.1\r\nHost: pitwall\r\nConnection: close\r\n\r\n");

            assertProblem(answer, 405, "method-not-allowed");
            assertThat(answer.body()).as(path).doesNotContain("TRACE " + path);
        }
    }

    @Test
    void aSaneRequestIdOfTheCallerIsKeptOnContainerRefusals() {
        var answer = RawHttp.exchange(
                port, "GET /%zz HTTP/1.1\r\nHost: pitwall\r\nX-Request-Id: probe-42\r\nConnection: close\r\n\r\n");

        assertProblem(answer, 400, "malformed-request");
        assertThat(answer.header("X-Request-Id")).isEqualTo("probe-42");
    }

    private RawHttp.Answer get(String target) {
        return RawHttp.exchange(port, "GET " + target + " HTTP/1.1\r\nHost: pitwall\r\nConnection: close\r\n\r\n");
    }

    private static void assertProblem(RawHttp.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo(code);
        String requestId = answer.json().get("requestId").asString();
        assertThat(requestId).isNotBlank().isEqualTo(answer.header("X-Request-Id"));
        assertThat(answer.json().get("status").asInt()).isEqualTo(status);
        assertThat(answer.body())
                .doesNotContain("Exception")
                .doesNotContain("Tomcat")
                .doesNotContain("<html");
    }
}
