package io.pitwall.server.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTaskTests {

    @Test
    void runsAtStartAndThenEveryIntervalUntilStoppedAndOutlivesAFailedRound() {
        var sweeps = new AtomicInteger();
        var sweeper = new PeriodicTask("test-task", Duration.ZERO, Duration.ofMillis(20), () -> {
            if (sweeps.incrementAndGet() == 2) {
                throw new IllegalStateException("database away");
            }
        });
        sweeper.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> sweeps.get() >= 4);
        sweeper.stop();
        assertThat(sweeper.isRunning()).isFalse();
        int stoppedAt = sweeps.get();
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> sweeps.get() == stoppedAt);
    }

    @Test
    void aZeroIntervalNeverRuns() {
        var runs = new AtomicInteger();
        var task = new PeriodicTask("off", Duration.ZERO, Duration.ZERO, runs::incrementAndGet);
        task.start();
        assertThat(task.isRunning()).isFalse();
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> runs.get() == 0);
    }
}
