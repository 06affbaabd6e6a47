package io.pitwall.bench.device;

import io.pitwall.bench.BenchServer;
import io.pitwall.client.ApiResponse;
import io.pitwall.client.ManagementClient;
import java.net.URI;

/**
 * Real HTTP/1.1 to the benchmark server, as the administrator (the management API client) or as a vehicle
 * with its bearer credential (prepared {@link WireRequest}s on a {@link KeepAliveConnection} per load thread).
 */
public final class DeviceHttp {

    private final ManagementClient admin;
    private final String baseUrl;

    public DeviceHttp(BenchServer server) {
        this.admin = server.admin();
        this.baseUrl = server.baseUrl();
    }

    /** A JSON (or other) request as the bootstrap administrator; {@code body} null means an empty body. */
    public ApiResponse admin(String method, String path, String contentType, byte[] body) {
        return admin.exchange(method, path, contentType, body);
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
    public static ApiResponse require(ApiResponse response, int status) {
        if (response.status() != status) {
            String body = response.body();
            throw new IllegalStateException("expected HTTP " + status + " but got " + response.status() + ": "
                    + body.substring(0, Math.min(300, body.length())));
        }
        return response;
    }
}
