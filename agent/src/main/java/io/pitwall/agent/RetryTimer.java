package io.pitwall.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/** Consecutive failures of one kind of request and when to try again; a success resets it. */
final class RetryTimer {

    private final Backoff backoff;
    private final RandomGenerator random;
    private int failures;
    private Instant retryAt;

    RetryTimer(Backoff backoff, RandomGenerator random) {
        this.backoff = backoff;
        this.random = random;
    }

    boolean ready(Instant now) {
        return retryAt == null || !now.isBefore(retryAt);
    }

    /** Backs off; a server's Retry-After ({@code atLeast}, may be null) lengthens the wait, never shortens it. */
    void failed(Instant now, Duration atLeast) {
        failures++;
        Duration delay = backoff.delay(failures, random);
        if (atLeast != null && atLeast.compareTo(delay) > 0) {
            delay = atLeast;
        }
        retryAt = now.plus(delay);
    }

    void succeeded() {
        failures = 0;
        retryAt = null;
    }

    /** When the next attempt may run: now if ready. */
    Instant nextAttempt(Instant now) {
        return ready(now) ? now : retryAt;
    }

    int failures() {
        return failures;
    }

    static Duration retryAfter(java.io.IOException e) {
        return e instanceof TransportException t ? t.retryAfter().orElse(null) : null;
    }
}
