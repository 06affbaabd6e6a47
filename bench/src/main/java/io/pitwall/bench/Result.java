package io.pitwall.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one scenario measured: a one-line summary for the table, its target, whether it was met, and
 * the raw figures for the JSON record.
 */
public record Result(String scenario, String measured, String target, Verdict verdict, Map<String, Object> metrics) {

    /** MEASURED: a figure without a target (micro-benchmarks). */
    public enum Verdict {
        MET,
        MISSED,
        MEASURED,
        FAILED,
        SKIPPED
    }

    public Result {
        Objects.requireNonNull(scenario);
        Objects.requireNonNull(verdict);
        metrics = metrics == null ? Map.of() : new LinkedHashMap<>(metrics);
    }

    public static Result skipped(String scenario, String target, String why) {
        return new Result(scenario, "not run: " + why, target, Verdict.SKIPPED, Map.of());
    }

    public static Result failed(String scenario, String target, String why) {
        return new Result(scenario, "FAILED: " + why, target, Verdict.FAILED, Map.of());
    }

    public static Verdict verdict(boolean met) {
        return met ? Verdict.MET : Verdict.MISSED;
    }
}
