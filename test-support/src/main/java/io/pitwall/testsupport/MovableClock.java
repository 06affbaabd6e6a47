package io.pitwall.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one clock a test moves: either stopped at a start instant and moved by hand ({@link #MovableClock(Instant)}),
 * or the system clock plus an offset the test moves forward ({@link #shiftedSystem()}), so that days of fleet
 * time pass in seconds while everything else keeps running in real time. UTC; {@link #withZone} answers the same
 * time (one shared state) seen in another zone, so moving either clock moves both.
 */
public final class MovableClock extends Clock {

    private final Clock base;
    private final AtomicLong offsetNanos;
    private final ZoneId zone;

    /** A clock stopped at {@code start} until the test moves it. */
    public MovableClock(Instant start) {
        this(Clock.fixed(start, ZoneOffset.UTC), new AtomicLong(), ZoneOffset.UTC);
    }

    private MovableClock(Clock base, AtomicLong offsetNanos, ZoneId zone) {
        this.base = base;
        this.offsetNanos = offsetNanos;
        this.zone = zone;
    }

    /** The system clock plus an offset that starts at zero. */
    public static MovableClock shiftedSystem() {
        return new MovableClock(Clock.tickMillis(ZoneOffset.UTC), new AtomicLong(), ZoneOffset.UTC);
    }

    public void advance(Duration by) {
        offsetNanos.addAndGet(by.toNanos());
    }

    /** Moves the clock to {@code instant}, backwards too (a vehicle's clock is not to be trusted). */
    public void set(Instant instant) {
        offsetNanos.set(Duration.between(base.instant(), instant).toNanos());
    }

    /** How far the clock has been moved from its base in all. */
    public Duration shifted() {
        return Duration.ofNanos(offsetNanos.get());
    }

    @Override
    public Instant instant() {
        return base.instant().plusNanos(offsetNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new MovableClock(base, offsetNanos, other);
    }
}
