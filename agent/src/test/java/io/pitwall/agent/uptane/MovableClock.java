package io.pitwall.agent.uptane;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock the test sets by hand, backwards too (a vehicle's clock is not to be trusted). */
final class MovableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    MovableClock(Instant start) {
        this(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    private MovableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    void advance(Duration duration) {
        now.updateAndGet(at -> at.plus(duration));
    }

    void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same hand-set time seen in another zone: moving either clock moves both. */
    @Override
    public Clock withZone(ZoneId other) {
        return new MovableClock(now, other);
    }
}
