package io.pitwall.server.diagnostics;

import java.time.LocalDate;
import java.util.List;

/**
 * The top recurring fault patterns of a period, for release prioritization: a pattern is a J2012 code (without
 * failure type) on a vehicle model, ECU type and firmware version as known when the fault was ingested
 * ({@code null} = unknown). Ordered by observations, most first.
 */
public record FaultPatterns(PatternQuery query, List<Pattern> patterns) {

    public FaultPatterns {
        patterns = List.copyOf(patterns);
    }

    /**
     * @param observations faults reported in the period (a fault reported again counts again)
     * @param vehicles     distinct vehicles that reported it in the period (exact, not a sum over buckets)
     * @param trend        every bucket of the period in order, zero where nothing was reported
     */
    public record Pattern(
            String code,
            String model,
            String ecuType,
            String firmwareVersion,
            long observations,
            long vehicles,
            List<Point> trend) {

        public Pattern {
            trend = List.copyOf(trend);
        }
    }

    /** One bucket; {@code start} is its first day within the period. */
    public record Point(LocalDate start, long observations, long vehicles) {}
}
