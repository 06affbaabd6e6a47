package io.pitwall.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MovableClockTests {

    private static final Instant START = Instant.parse("2026-11-27T00:00:00Z");

    @Test
    void aStoppedClockMovesOnlyWhenTheTestMovesIt() {
        var clock = new MovableClock(START);
        assertThat(clock.instant()).isEqualTo(START);
        clock.advance(Duration.ofHours(6));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(6)));
        clock.set(START.minusSeconds(60));
        assertThat(clock.instant()).isEqualTo(START.minusSeconds(60));
        assertThat(clock.shifted()).isEqualTo(Duration.ofSeconds(-60));
    }

    @Test
    void aShiftedSystemClockRunsInRealTimePlusTheOffset() {
        var clock = MovableClock.shiftedSystem();
        clock.advance(Duration.ofDays(5));
        Instant expected = Instant.now().plus(Duration.ofDays(5));
        assertThat(Duration.between(expected, clock.instant()).abs()).isLessThan(Duration.ofSeconds(5));
        assertThat(clock.shifted()).isEqualTo(Duration.ofDays(5));
    }

    @Test
    void anotherZoneSeesTheSameTimeAndMovesWithIt() {
        var clock = new MovableClock(START);
        var berlin = clock.withZone(ZoneId.of("Europe/Berlin"));
        clock.advance(Duration.ofMinutes(30));
        assertThat(berlin.instant()).isEqualTo(clock.instant());
        assertThat(berlin.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }
}
