package io.pitwall.client;

/** The management API refused a request: its HTTP status and the problem's stable {@code code}. */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String code;

    public ApiError(int status, String code, String detail) {
        super("HTTP " + status + (code == null ? "" : " " + code) + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** The problem's {@code code}, or null when the answer was not problem+json. */
    public String code() {
        return code;
    }
}
