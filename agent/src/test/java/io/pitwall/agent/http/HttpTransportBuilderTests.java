package io.pitwall.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.pitwall.protocol.device.CheckinRequest;
import io.pitwall.protocol.device.Connectivity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The builder refuses transports that could not authenticate or whose TLS settings would be ignored. */
class HttpTransportBuilderTests {

    static final URI SERVER = URI.create("https://ota.example.com");

    static KeyStore emptyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    @Test
    void aTransportWithoutTokenNeedsAClientCertificate() {
        assertThatThrownBy(
                        () -> HttpTransport.builder(SERVER, "WPWTEST0000000001").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("client certificate");
    }

    @Test
    void aClientCertificateCannotBeCombinedWithACallersHttpClient() throws Exception {
        KeyStore keys = emptyStore();
        assertThatThrownBy(() -> HttpTransport.builder(SERVER, "WPWTEST0000000001")
                        .clientCertificate(keys, new char[0])
                        .httpClient(HttpClient.newHttpClient())
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("httpClient");
    }

    @Test
    void aCertificateTransportSendsNoBearerHeader() throws Exception {
        var seen = new AtomicReference<Headers>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.set(exchange.getRequestHeaders());
            byte[] body = "{\"pollAfterSeconds\":60}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            var transport = HttpTransport.builder(
                            URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "WPWTEST0000000001")
                    .clientCertificate(emptyStore(), "changeit".toCharArray())
                    .trustStore(emptyStore())
                    .build();
            var answer = transport.checkin(new CheckinRequest(null, Connectivity.WIFI, true, List.of()));
            assertThat(answer.pollAfterSeconds()).isEqualTo(60);
            assertThat(seen.get().containsKey("Authorization")).isFalse();
        } finally {
            server.stop(0);
        }
    }
}
