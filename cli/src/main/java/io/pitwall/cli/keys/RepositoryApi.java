package io.pitwall.cli.keys;

import io.pitwall.client.ApiResponse;
import io.pitwall.client.ManagementClient;
import java.io.UncheckedIOException;
import java.net.URI;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The few management calls the key tools make; a refusal becomes an exception naming the problem code. */
final class RepositoryApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final String base;
    private final ManagementClient client;

    RepositoryApi(String base, String token, String user, String password) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.client = token != null
                ? ManagementClient.bearer(URI.create(this.base), token)
                : ManagementClient.basic(URI.create(this.base), user, password);
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    JsonNode put(String path, JsonNode body) {
        return send("PUT", path, body);
    }

    private JsonNode send(String method, String path, JsonNode body) {
        ApiResponse response;
        try {
            response = client.exchange(
                    method,
                    path,
                    body == null ? null : "application/json",
                    body == null ? null : JSON.writeValueAsBytes(body));
        } catch (UncheckedIOException e) {
            throw new IllegalStateException(
                    "cannot reach " + base + ": " + e.getCause().getMessage(), e);
        }
        JsonNode json = response.bytes().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.bytes());
        if (response.status() >= 300) {
            throw new IllegalStateException(method + " " + path + " was refused (" + response.status() + " "
                    + json.path("code").asString("") + "): "
                    + json.path("detail").asString(""));
        }
        return json;
    }
}
