package io.pitwall.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTests {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(15), 2.0);

    @Test
    void delaysStayWithinHalfAndFullCeilingAndNeverExceedTheCap() {
        var random = new SplittableRandom(7);
        for (int failures = 1; failures <= 64; failures++) {
            Duration ceiling = backoff.ceiling(failures);
            for (int i = 0; i < 200; i++) {
                Duration delay = backoff.delay(failures, random);
                assertThat(delay).isBetween(ceiling.dividedBy(2), ceiling);
                assertThat(delay).isLessThanOrEqualTo(Duration.ofMinutes(15));
            }
        }
    }

    @Test
    void ceilingDoublesFromTheInitialDelayUntilTheCap() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(80));
        assertThat(backoff.ceiling(9)).isEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.ceiling(1000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        var a = new SplittableRandom(42);
        var b = new SplittableRandom(42);
        for (int failures = 1; failures < 20; failures++) {
            assertThat(backoff.delay(failures, a)).isEqualTo(backoff.delay(failures, b));
        }
    }

    @Test
    void jitterActuallySpreadsTheDelays() {
        var random = new SplittableRandom(1);
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> backoff.delay(6, random))
                .distinct()
                .count();
        assertThat(distinct).isGreaterThan(40);
    }
}
