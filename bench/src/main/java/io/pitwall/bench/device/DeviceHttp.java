package io.pitwall.bench.device;

import io.pitwall.bench.BenchServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Real HTTP/1.1 to the benchmark server, as the administrator (one JDK {@link HttpClient}) or as a vehicle
 * with its bearer credential (prepared {@link WireRequest}s on a {@link KeepAliveConnection} per load thread).
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
    WireRequest vehiclePost(String path, String token, byte[] json) {
        return WireRequest.post(authority(), path, "Bearer " + token, "application/json", json);
    }

    /** A new persistent connection to the server, for one load thread. */
    KeepAliveConnection connect() {
        URI uri = URI.create(baseUrl);
        return new KeepAliveConnection(uri.getHost(), uri.getPort());
    }

    private String authority() {
        return URI.create(baseUrl).getAuthority();
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Fails with the status and the start of the body unless the answer has the expected status. */
    static KeepAliveConnection.Answer require(WireRequest request, KeepAliveConnection.Answer answer, int status) {
        if (answer.status() != status) {
            String body = answer.body();
            throw new IllegalStateException(request.method() + " " + request.path() + ": expected HTTP " + status
                    + " but got " + answer.status() + ": " + body.substring(0, Math.min(300, body.length())));
        }
        return answer;
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
