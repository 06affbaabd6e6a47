package io.pitwall.server.device.web;

import io.pitwall.protocol.device.DeviceJson;
import io.pitwall.server.shared.ApiException;
import java.time.Instant;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads device payloads and checks what the record types cannot: lengths the database stores, control
 * characters (PostgreSQL refuses NUL in text, and logs must not be forged with line breaks), and instants
 * a database timestamp can hold. Anything else is refused as 400 with the endpoint's code, never a 5xx.
 */
final class DeviceInput {

    /** The instants a stored timestamp can hold on H2 and PostgreSQL alike. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * The contract's mapper, stricter on what it will not guess: a key given twice in one object (which of the
     * two did the vehicle mean?) and a fraction where a whole number belongs (a seq of 1.5 is not 1) fail the
     * read instead of being settled silently. Unknown fields are still ignored.
     */
    static final JsonMapper STRICT = DeviceJson.mapper()
            .rebuild()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private DeviceInput() {}

    /** The payload as the given type; unreadable JSON, a JSON {@code null} or a failed check is a 400. */
    static <T> T read(byte[] body, Class<T> type, String code) {
        T value;
        try {
            value = STRICT.readValue(body, type);
        } catch (RuntimeException e) {
            throw ApiException.badRequest(code, DeviceErrors.reason(e));
        }
        if (value == null) {
            throw ApiException.badRequest(code, "The body is a JSON object, not null");
        }
        return value;
    }

    /** The payload as a tree, read as strictly as {@link #read}; unreadable JSON is a 400. */
    static JsonNode tree(byte[] body, String code) {
        try {
            return STRICT.readTree(body);
        } catch (RuntimeException e) {
            throw ApiException.badRequest(code, DeviceErrors.reason(e));
        }
    }

    /** An optional value of at most {@code max} characters, without control characters (free text may break lines). */
    static void text(String value, int max, boolean freeText, String field, String code) {
        String problem = textProblem(value, max, freeText, field);
        if (problem != null) {
            throw ApiException.badRequest(code, problem);
        }
    }

    /** What is wrong with an optional text value, or {@code null}: the check of {@link #text}. */
    static String textProblem(String value, int max, boolean freeText, String field) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            return field + " is at most " + max + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = freeText && (c == '\t' || c == '\n' || c == '\r');
            if (Character.isISOControl(c) && !allowed) {
                return field + " contains a control character";
            }
        }
        return null;
    }

    /** What is wrong with an optional instant (outside what a stored timestamp holds), or {@code null}. */
    static String instantProblem(Instant value, String field) {
        return value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))
                ? field + " lies outside the years 1 to 9999"
                : null;
    }
}
