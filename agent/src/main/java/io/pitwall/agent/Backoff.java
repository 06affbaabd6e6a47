package io.pitwall.agent;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": after the n-th consecutive failure the agent waits a random
 * time in {@code [d/2, d]} where {@code d = min(max, initial × multiplier^(n-1))}. The jitter spreads a
 * fleet that lost the server at the same moment, the floor keeps a single vehicle from hammering it.
 */
public record Backoff(Duration initial, Duration max, double multiplier) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || multiplier < 1) {
            throw new IllegalArgumentException("need 0 < initial <= max and multiplier >= 1");
        }
    }

    /** 5 s doubling up to 15 min. */
    public static Backoff defaults() {
        return new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(15), 2.0);
    }

    /** The ceiling before jitter after {@code failures} consecutive failures (at least 1). */
    public Duration ceiling(int failures) {
        double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
        return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
    }

    public Duration delay(int failures, RandomGenerator random) {
        long ceiling = ceiling(failures).toMillis();
        long floor = ceiling / 2;
        return Duration.ofMillis(floor + random.nextLong(ceiling - floor + 1));
    }
}
