package io.pitwall.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ManagementClientTests {

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/me", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            answer(exchange, 200, "application/json", "{\"username\":\"ops\"}");
        });
        server.createContext(
                "/api/v1/campaigns/7/start",
                exchange -> answer(
                        exchange,
                        409,
                        "application/problem+json",
                        "{\"code\":\"campaign-not-approved\",\"detail\":\"not approved\"}"));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aTypedCallActsAsTheOperatorAndAnswersTheParsedBody() {
        assertThat(ManagementClient.basic(base, "ops", "secret").whoAmI()).isEqualTo("ops");
        assertThat(authorizations).containsExactly("Basic b3BzOnNlY3JldA==");
    }

    @Test
    void aTypedCallTurnsARefusalIntoAnApiErrorWithTheProblemCode() {
        var client = ManagementClient.bearer(base, "token");
        assertThatThrownBy(() -> client.startCampaign(7)).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.code()).isEqualTo("campaign-not-approved");
        });
    }

    @Test
    void theGenericCallAnswersARefusalAsItCame() {
        ApiResponse response = ManagementClient.anonymous(base)
                .exchange(
                        "POST", "/api/v1/campaigns/7/start", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.code()).isEqualTo("campaign-not-approved");
        assertThat(response.json().path("detail").asString()).isEqualTo("not approved");
    }

    @Test
    void derivedClientsKeepTheServerAndChangeOnlyTheCredentials() {
        var admin = ManagementClient.basic(base, "admin", "pw");
        admin.withToken("t1").whoAmI();
        admin.anonymous().whoAmI();
        admin.as("ops", "secret").whoAmI();
        assertThat(authorizations).containsExactly("Bearer t1", "null", "Basic b3BzOnNlY3JldA==");
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
