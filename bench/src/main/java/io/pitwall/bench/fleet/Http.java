package io.pitwall.bench.fleet;

import io.pitwall.bench.BenchServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP to the benchmark server, as its administrator. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static HttpResponse<String> get(BenchServer server, String path) throws IOException, InterruptedException {
        return CLIENT.send(request(server, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(BenchServer server, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return CLIENT.send(request(server, path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(BenchServer server, String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", BenchServer.adminAuthorization())
                .header("Accept", "application/json, application/problem+json");
    }
}
