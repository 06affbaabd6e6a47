package io.pitwall.server.shared.web;

import java.io.IOException;

/** A request body read refused by {@link BodyReads}: the answer's status and stable code come with it. */
final class BodyReadRefused extends IOException {

    private final int status;
    private final String code;

    BodyReadRefused(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static BodyReadRefused busy() {
        return new BodyReadRefused(503, "server-busy", "Too many requests are waiting for their bodies; retry shortly");
    }

    static BodyReadRefused tooSlow() {
        return new BodyReadRefused(408, "body-too-slow", "The request body arrives too slowly");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** The refusal somewhere in a chain of causes, or {@code null}. */
    static BodyReadRefused in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BodyReadRefused refused) {
                return refused;
            }
        }
        return null;
    }
}
