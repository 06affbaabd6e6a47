package io.pitwall.server.support;

import io.pitwall.client.ApiResponse;
import io.pitwall.client.ManagementClient;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The management API client's generic call in the short form the server tests use: JSON in, status and parsed
 * JSON out, as a given operator or token. The HTTP is {@link ManagementClient}'s; this only shapes it.
 */
public final class ApiClient {

    /** An answer: status, content type, raw body and (when JSON) the parsed body. */
    public record Response(int status, String contentType, String body, JsonNode json) {

        public String code() {
            return json == null || json.get("code") == null
                    ? null
                    : json.get("code").asString();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ManagementClient client;

    private ApiClient(ManagementClient client) {
        this.client = client;
    }

    public static ApiClient at(int port) {
        return new ApiClient(ManagementClient.anonymous(URI.create("http://127.0.0.1:" + port)));
    }

    /** A client of another base URL (e.g. https) over the given HttpClient (e.g. one with a client certificate). */
    public static ApiClient at(String base, HttpClient http) {
        return new ApiClient(ManagementClient.over(URI.create(base), http));
    }

    public ApiClient as(String username, String password) {
        return new ApiClient(client.as(username, password));
    }

    public ApiClient withToken(String token) {
        return new ApiClient(client.withToken(token));
    }

    public ApiClient anonymous() {
        return new ApiClient(client.anonymous());
    }

    /** The typed client acting with the same credentials. */
    public ManagementClient typed() {
        return client;
    }

    public String base() {
        return client.base().toString();
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    /** A GET asking for another representation (e.g. {@code text/markdown}). */
    public Response get(String path, String accept) {
        return response(exchange("GET", path, Map.of("Accept", accept), HttpRequest.BodyPublishers.noBody()));
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, "application/json", json(body));
    }

    public Response put(String path, Object body) {
        return send("PUT", path, "application/json", json(body));
    }

    /** Sends raw bytes with the given content type and method. */
    public Response send(String method, String path, String contentType, byte[] body) {
        return response(exchange(
                method,
                path,
                contentType == null ? Map.of() : Map.of("Content-Type", contentType),
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Sends bytes without a declared length (chunked transfer encoding), as a streaming client would. */
    public Response sendChunked(String method, String path, String contentType, byte[] body) {
        return response(exchange(
                method,
                path,
                contentType == null ? Map.of() : Map.of("Content-Type", contentType),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    /** A binary answer with its headers. */
    public record Download(int status, java.net.http.HttpHeaders headers, byte[] body) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** GET or HEAD of binary content, optionally with a Range header. */
    public Download download(String method, String path, String range) {
        ApiResponse response = exchange(
                method, path, range == null ? Map.of() : Map.of("Range", range), HttpRequest.BodyPublishers.noBody());
        return new Download(response.status(), response.headers(), response.bytes());
    }

    private ApiResponse exchange(
            String method, String path, Map<String, String> headers, HttpRequest.BodyPublisher body) {
        try {
            return client.exchange(method, path, headers, body);
        } catch (UncheckedIOException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static byte[] json(Object body) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Response response(ApiResponse response) {
        return new Response(response.status(), response.contentType(), response.body(), response.json());
    }
}
