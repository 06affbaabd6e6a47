package io.pitwall.bench.device;

import io.pitwall.bench.BenchServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Real HTTP/1.1 to the benchmark server: one JDK {@link HttpClient} shared by every load thread (it keeps
 * a connection per concurrent request), as the administrator or as a vehicle with its bearer credential.
 */
public final class DeviceHttp {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public DeviceHttp(BenchServer server) {
        this.baseUrl = server.baseUrl();
    }

    /** A JSON (or other) request as the bootstrap administrator; {@code body} null means an empty POST. */
    public HttpResponse<String> admin(String method, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", BenchServer.adminAuthorization())
                .header("Accept", "application/json, application/problem+json")
                .header("Content-Type", contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A prepared {@code POST} of a vehicle to a device path (the request can be sent many times). */
    public HttpRequest vehiclePost(String path, String token, byte[] json) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Fails with the status and the start of the body unless the answer has the expected status. */
    public static HttpResponse<String> require(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            String body = response.body();
            throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
                    + ": expected HTTP " + status + " but got " + response.statusCode() + ": "
                    + body.substring(0, Math.min(300, body.length())));
        }
        return response;
    }
}
