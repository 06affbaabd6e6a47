package io.pitwall.server.campaign;

import io.pitwall.server.campaign.spi.GateCheck;
import io.pitwall.server.campaign.spi.GateCondition;
import io.pitwall.server.campaign.spi.GateVerdict;
import io.pitwall.server.shared.ApiException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evidence a wave must show before the campaign may expand: a minimum number of executed vehicles
 * (all of them, for a wave with fewer vehicles than that), then a minimum install success rate, maximum failure rates (overall and per failure category), a
 * maximum number of timeouts and a minimum telemetry completeness, plus any {@link GateCondition}s.
 * Rates are shares in [0, 1]; a null limit is not checked.
 */
public record WaveGate(
        int minExecuted,
        Double minSuccessRate,
        Double maxFailureRate,
        Map<FailureCategory, Double> maxFailureRateByCategory,
        Integer maxTimeouts,
        Double minTelemetryCompleteness) {

    public WaveGate {
        maxFailureRateByCategory =
                maxFailureRateByCategory == null ? Map.of() : Map.copyOf(new EnumMap<>(maxFailureRateByCategory));
        if (minExecuted < 1) {
            throw invalid("minExecuted is at least 1");
        }
        requireShare(minSuccessRate, "minSuccessRate");
        requireShare(maxFailureRate, "maxFailureRate");
        requireShare(minTelemetryCompleteness, "minTelemetryCompleteness");
        maxFailureRateByCategory.forEach(
                (category, rate) -> requireShare(rate, "maxFailureRateByCategory." + category));
        if (maxTimeouts != null && maxTimeouts < 0) {
            throw invalid("maxTimeouts is not negative");
        }
    }

    /** Judges the evidence with the numeric limits and then every extra condition. */
    public GateVerdict evaluate(long campaignId, int wave, WaveEvidence evidence, List<GateCondition> conditions) {
        // A wave smaller than the minimum is judged once all of its vehicles executed.
        long needed = Math.max(1, Math.min(minExecuted, evidence.assigned()));
        if (evidence.executed() < needed) {
            return new GateVerdict(
                    GateVerdict.Outcome.WAITING,
                    List.of(new GateCheck(
                            "min-executed",
                            false,
                            evidence.executed(),
                            needed,
                            evidence.executed() + " of at least " + needed + " vehicles executed")));
        }
        List<GateCheck> checks = new ArrayList<>();
        checks.add(new GateCheck(
                "min-executed", true, evidence.executed(), needed, evidence.executed() + " vehicles executed"));
        if (minSuccessRate != null) {
            checks.add(atLeast("min-success-rate", evidence.successRate(), minSuccessRate, "install success rate"));
        }
        if (maxFailureRate != null) {
            checks.add(atMost("max-failure-rate", evidence.failureRate(), maxFailureRate, "failure rate"));
        }
        maxFailureRateByCategory.forEach((category, limit) -> checks.add(atMost(
                "max-failure-rate." + category.name().toLowerCase(Locale.ROOT),
                evidence.failureRate(category),
                limit,
                category + " failure rate")));
        if (maxTimeouts != null) {
            checks.add(new GateCheck(
                    "max-timeouts",
                    evidence.timedOut() <= maxTimeouts,
                    evidence.timedOut(),
                    maxTimeouts,
                    evidence.timedOut() + " timeouts (at most " + maxTimeouts + ")"));
        }
        if (minTelemetryCompleteness != null) {
            checks.add(atLeast(
                    "min-telemetry-completeness",
                    evidence.telemetryCompleteness(),
                    minTelemetryCompleteness,
                    "post-update health reports received"));
        }
        for (GateCondition condition : conditions) {
            checks.add(condition.check(campaignId, wave, evidence));
        }
        boolean passed = checks.stream().allMatch(GateCheck::passed);
        return new GateVerdict(passed ? GateVerdict.Outcome.PASSED : GateVerdict.Outcome.FAILED, checks);
    }

    private static GateCheck atLeast(String name, double actual, double limit, String what) {
        return new GateCheck(
                name,
                actual >= limit,
                actual,
                limit,
                String.format(Locale.ROOT, "%s %.1f %% (at least %.1f %%)", what, actual * 100, limit * 100));
    }

    private static GateCheck atMost(String name, double actual, double limit, String what) {
        return new GateCheck(
                name,
                actual <= limit,
                actual,
                limit,
                String.format(Locale.ROOT, "%s %.1f %% (at most %.1f %%)", what, actual * 100, limit * 100));
    }

    private static void requireShare(Double value, String name) {
        if (value != null && (value.isNaN() || value < 0 || value > 1)) {
            throw invalid(name + " is a share between 0 and 1");
        }
    }

    private static ApiException invalid(String detail) {
        return ApiException.unprocessable("invalid-wave-gate", detail);
    }
}
