package io.pitwall.bench;

import java.util.Arrays;

/** Per-operation latencies of one timed run and its wall time. */
public record Latencies(long[] sortedNanos, long wallNanos) {

    public static Latencies of(long[] nanos, long wallNanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latencies(sorted, wallNanos);
    }

    public int count() {
        return sortedNanos.length;
    }

    public double perSecond() {
        return count() / (wallNanos / 1e9);
    }

    public double percentileMillis(double percentile) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
    }

    public double wallSeconds() {
        return wallNanos / 1e9;
    }
}
