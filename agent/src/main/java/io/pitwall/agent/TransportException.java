package io.pitwall.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** The server answered, but with an HTTP error status. */
public class TransportException extends IOException {

    private final int status;
    private final transient Duration retryAfter;

    public TransportException(int status, String message, Duration retryAfter) {
        super("HTTP " + status + ": " + message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    /** The server's {@code Retry-After}, which the agent waits at least. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The resource does not exist and will not appear by retrying (404, 410). */
    public boolean isGone() {
        return status == 404 || status == 410;
    }
}
