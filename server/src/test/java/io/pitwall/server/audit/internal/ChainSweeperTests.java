package io.pitwall.server.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChainSweeperTests {

    @Test
    void sweepsAtStartAndThenEveryIntervalUntilStopped() {
        var sweeps = new AtomicInteger();
        var sweeper = new ChainSweeper(() -> {
            if (sweeps.incrementAndGet() == 2) {
                throw new IllegalStateException("database away");
            }
        }, Duration.ofMillis(20));
        sweeper.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> sweeps.get() >= 4);
        sweeper.stop();
        assertThat(sweeper.isRunning()).isFalse();
        int stoppedAt = sweeps.get();
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> sweeps.get() == stoppedAt);
    }
}
