package io.pitwall.client;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An answer of the management API as it came: status, headers and body bytes, with the body as text and (when
 * the content type is JSON) parsed. The generic call answers it whatever the status, for callers that check
 * refusals themselves.
 */
public record ApiResponse(int status, HttpHeaders headers, byte[] bytes) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The first value of a header, or null. */
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** The {@code Content-Type}, or an empty string. */
    public String contentType() {
        return headers.firstValue("Content-Type").orElse("");
    }

    /** The body as UTF-8 text. */
    public String body() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The parsed body when the content type is JSON and the body is not empty; otherwise null. */
    public JsonNode json() {
        return contentType().contains("json") && bytes.length > 0 ? JSON.readTree(bytes) : null;
    }

    /** The problem's {@code code}, or null when there is none. */
    public String code() {
        JsonNode json = json();
        return json == null || json.get("code") == null
                ? null
                : json.get("code").asString();
    }

    public boolean isSuccess() {
        return status / 100 == 2;
    }
}
