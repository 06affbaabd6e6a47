package io.pitwall.bench.device;

import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where in a paced run the slow requests fell: counts, per 100 ms window after the run's origin, the
 * requests slower than a threshold and the slowest of them. A tail spread evenly over the run points at
 * steady work per request; a few windows holding it all point at a pause (garbage collection, a
 * checkpoint, a vacuum) whose wall-clock time the report prints for matching against other logs.
 */
final class SlowWindows {

    private static final long WINDOW_NANOS = 100_000_000L;
    private static final int WINDOWS = 6_000;

    private final long thresholdNanos;
    private final long originWallMillis = System.currentTimeMillis() + 100;
    private final AtomicLongArray slow = new AtomicLongArray(WINDOWS);
    private final AtomicLongArray worst = new AtomicLongArray(WINDOWS);

    SlowWindows(long thresholdNanos) {
        this.thresholdNanos = thresholdNanos;
    }

    /** One request, due {@code dueOffsetNanos} after the origin, that took {@code nanos}. */
    void record(long dueOffsetNanos, long nanos) {
        if (nanos <= thresholdNanos) {
            return;
        }
        int window = (int) Math.min(WINDOWS - 1, Math.max(0, dueOffsetNanos / WINDOW_NANOS));
        slow.incrementAndGet(window);
        worst.accumulateAndGet(window, nanos, Math::max);
    }

    /** Prints the windows that held slow requests, busiest first (at most 15). */
    void report(PrintStream out) {
        long total = 0;
        int windows = 0;
        for (int w = 0; w < WINDOWS; w++) {
            total += slow.get(w);
            windows += slow.get(w) > 0 ? 1 : 0;
        }
        out.printf(
                "paced run: %d requests over %d ms, in %d windows of 100 ms%n",
                total, thresholdNanos / 1_000_000, windows);
        java.util.stream.IntStream.range(0, WINDOWS)
                .boxed()
                .filter(w -> slow.get(w) > 0)
                .sorted((a, b) -> Long.compare(slow.get(b), slow.get(a)))
                .limit(15)
                .forEach(w -> out.printf(
                        "  %s  +%5.1f s  %4d slow, worst %.1f ms%n",
                        Instant.ofEpochMilli(originWallMillis + w * 100L), w / 10.0, slow.get(w), worst.get(w) / 1e6));
    }
}
