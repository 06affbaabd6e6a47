package io.pitwall.server.device.web;

import io.pitwall.protocol.device.DeviceJson;
import io.pitwall.server.shared.ApiException;
import java.time.Instant;

/**
 * Reads device payloads and checks what the record types cannot: lengths the database stores, control
 * characters (PostgreSQL refuses NUL in text, and logs must not be forged with line breaks), and instants
 * a database timestamp can hold. Anything else is refused as 400 with the endpoint's code, never a 5xx.
 */
final class DeviceInput {

    /** The instants a stored timestamp can hold on H2 and PostgreSQL alike. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private DeviceInput() {
    }

    /** The payload as the given type; unreadable JSON, a JSON {@code null} or a failed check is a 400. */
    static <T> T read(byte[] body, Class<T> type, String code) {
        T value;
        try {
            value = DeviceJson.read(body, type);
        } catch (RuntimeException e) {
            throw ApiException.badRequest(code, DeviceErrors.reason(e));
        }
        if (value == null) {
            throw ApiException.badRequest(code, "The body is a JSON object, not null");
        }
        return value;
    }

    /** An optional value of at most {@code max} characters, without control characters (free text may break lines). */
    static void text(String value, int max, boolean freeText, String field, String code) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            throw ApiException.badRequest(code, field + " is at most " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = freeText && (c == '\t' || c == '\n' || c == '\r');
            if (Character.isISOControl(c) && !allowed) {
                throw ApiException.badRequest(code, field + " contains a control character");
            }
        }
    }

    static void instant(Instant value, String field, String code) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
            throw ApiException.badRequest(code, field + " lies outside the years 1 to 9999");
        }
    }
}
