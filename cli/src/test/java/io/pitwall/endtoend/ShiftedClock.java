package io.pitwall.endtoend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system clock plus an offset the test moves forward: server and simulated vehicles share one, so days
 * of fleet time (exposure, soak) pass in seconds while everything else keeps running in real time.
 */
final class ShiftedClock extends Clock {

    private final AtomicLong offsetMillis;
    private final ZoneId zone;

    ShiftedClock() {
        this(new AtomicLong(), ZoneOffset.UTC);
    }

    private ShiftedClock(AtomicLong offsetMillis, ZoneId zone) {
        this.offsetMillis = offsetMillis;
        this.zone = zone;
    }

    void advance(Duration by) {
        offsetMillis.addAndGet(by.toMillis());
    }

    Duration shifted() {
        return Duration.ofMillis(offsetMillis.get());
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same shifted time (one shared offset) seen in another zone. */
    @Override
    public Clock withZone(ZoneId other) {
        return new ShiftedClock(offsetMillis, other);
    }
}
