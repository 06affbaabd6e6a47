package io.pitwall.server.diagnostics;

import java.time.LocalDate;

/**
 * A recurring-patterns question: whole UTC days {@code since..until} (both included, at most
 * {@link #MAX_DAYS}), optional filters ({@code null} = any), the {@code top} patterns (1..{@link #MAX_TOP}) by
 * observations, with a trend per {@code bucket}. Invalid values are refused with {@link IllegalArgumentException}.
 */
public record PatternQuery(
        LocalDate since,
        LocalDate until,
        String model,
        String ecuType,
        String firmwareVersion,
        int top,
        Bucket bucket) {

    public static final int MAX_TOP = 100;
    public static final int MAX_DAYS = 400;

    /** A trend bucket: a UTC day, or a Monday-based week (the first and last may be cut by the range). */
    public enum Bucket {
        DAY,
        WEEK
    }

    public PatternQuery {
        if (since == null || until == null || bucket == null) {
            throw new IllegalArgumentException("since, until and bucket are required");
        }
        if (until.isBefore(since) || until.toEpochDay() - since.toEpochDay() >= MAX_DAYS) {
            throw new IllegalArgumentException("until must be on or after since, at most " + MAX_DAYS + " days");
        }
        if (top < 1 || top > MAX_TOP) {
            throw new IllegalArgumentException("top is 1.." + MAX_TOP);
        }
    }
}
