package io.pitwall.agent.uptane;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.agent.storage.InMemoryStorage;
import io.pitwall.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrustedTimeTests {

    private final InMemoryStorage storage = new InMemoryStorage();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T00:00:00Z"));

    @Test
    void aClockSetBackDoesNotMoveTrustedTimeBackAcrossARestart() {
        TrustedTime time = new TrustedTime(clock, storage.metadata());
        clock.advance(Duration.ofDays(3));
        time.attest(time.now());
        clock.set(Instant.parse("2020-01-01T00:00:00Z"));

        assertThat(new TrustedTime(clock, storage.metadata()).now()).isEqualTo("2026-11-30T00:00:00Z");
    }

    @Test
    void attestedTimeIsPersistedAtMostAMinuteBehind() {
        TrustedTime time = new TrustedTime(clock, storage.metadata());
        time.attest(clock.instant());
        time.attest(clock.instant().plusSeconds(30));
        assertThat(time.lastAttested()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(new TrustedTime(clock, storage.metadata()).lastAttested()).isEqualTo(clock.instant());

        time.attest(clock.instant().plusSeconds(61));
        assertThat(new TrustedTime(clock, storage.metadata()).lastAttested())
                .isEqualTo(clock.instant().plusSeconds(61));
    }

    @Test
    void anEarlierAttestationChangesNothing() {
        TrustedTime time = new TrustedTime(clock, storage.metadata());
        time.attest(clock.instant().plusSeconds(120));
        time.attest(clock.instant());

        assertThat(time.now()).isEqualTo(clock.instant().plusSeconds(120));
    }
}
