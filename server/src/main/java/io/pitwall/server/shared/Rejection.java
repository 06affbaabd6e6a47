package io.pitwall.server.shared;

import java.util.Map;
import java.util.Objects;

/** A use case's refusal, as a value: a stable code, a reason and the kind of refusal. */
public record Rejection(Kind kind, String code, String detail, Map<String, Object> properties) {

    public enum Kind {
        INVALID(422),
        CONFLICT(409),
        NOT_FOUND(404),
        FORBIDDEN(403),
        BAD_REQUEST(400);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public Rejection {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(code);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public static Rejection invalid(String code, String detail) {
        return new Rejection(Kind.INVALID, code, detail, Map.of());
    }

    public static Rejection conflict(String code, String detail) {
        return new Rejection(Kind.CONFLICT, code, detail, Map.of());
    }

    public static Rejection notFound(String code, String detail) {
        return new Rejection(Kind.NOT_FOUND, code, detail, Map.of());
    }

    public ApiException toException() {
        return ApiException.from(this);
    }
}
