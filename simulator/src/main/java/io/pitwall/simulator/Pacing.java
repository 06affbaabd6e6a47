package io.pitwall.simulator;

import io.pitwall.agent.Backoff;
import java.time.Duration;

/**
 * How fast the simulated world moves: the agents' backoff and re-check interval, their download chunk,
 * how long a killed agent stays down, how soon vehicles that start driving or low on charge become
 * installable, and over how long the fleet's first check-ins are spread.
 */
public record Pacing(
        Backoff backoff,
        Duration recheck,
        long downloadChunkBytes,
        Duration restartAfter,
        Duration conditionsSettleWithin,
        Duration startSpread,
        Duration requestTimeout) {

    public Pacing {
        if (recheck.isNegative()
                || recheck.isZero()
                || downloadChunkBytes < 1
                || restartAfter.isNegative()
                || conditionsSettleWithin.isNegative()
                || startSpread.isNegative()
                || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("pacing durations must not be negative (recheck, timeout positive)");
        }
    }

    /** For a simulator against a real server: minutes of backoff at most, a vehicle parks within five minutes. */
    public static Pacing standard() {
        return new Pacing(
                new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(2), 2.0),
                Duration.ofSeconds(10),
                256 * 1024,
                Duration.ofSeconds(5),
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30));
    }

    /** For the demo: everything settles within half a minute. */
    public static Pacing demo() {
        return new Pacing(
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8), 2.0),
                Duration.ofSeconds(2),
                64 * 1024,
                Duration.ofSeconds(2),
                Duration.ofSeconds(25),
                Duration.ofSeconds(2),
                Duration.ofSeconds(20));
    }

    /** For tests: sub-second backoff and re-checks, everything settles within two seconds. */
    public static Pacing fast() {
        return new Pacing(
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(800), 2.0),
                Duration.ofMillis(200),
                64 * 1024,
                Duration.ofMillis(200),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                Duration.ofSeconds(20));
    }

    /** The same pacing with the fleet's first check-ins spread over {@code spread}. */
    public Pacing withStartSpread(Duration spread) {
        return new Pacing(
                backoff, recheck, downloadChunkBytes, restartAfter, conditionsSettleWithin, spread, requestTimeout);
    }
}
