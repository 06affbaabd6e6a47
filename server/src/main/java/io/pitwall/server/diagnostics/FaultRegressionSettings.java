package io.pitwall.server.diagnostics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The regression gate ({@link FaultRegression}).
 *
 * @param window          how far back faults and exposure count (the soak window), at most from the wave's first update
 * @param alpha           significance level of the one-sided test, also 1 - confidence of the ratio's lower bound
 * @param minRatio        the ratio's lower bound must exceed this for the gate to fail
 * @param minVehicleDays  each group needs at least this exposure, else the check is "insufficient data"
 * @param maxSample       larger groups are judged on a fixed sample of this many vehicles ({@link CohortSample})
 */
@ConfigurationProperties("pitwall.diagnostics.regression")
public record FaultRegressionSettings(
        Duration window, Double alpha, Double minRatio, Double minVehicleDays, Integer maxSample) {

    public FaultRegressionSettings {
        window = window == null ? Duration.ofDays(7) : window;
        alpha = alpha == null ? 0.01 : alpha;
        minRatio = minRatio == null ? 1.5 : minRatio;
        minVehicleDays = minVehicleDays == null ? 20.0 : minVehicleDays;
        maxSample = maxSample == null ? 10_000 : maxSample;
        if (window.isNegative()
                || window.isZero()
                || !(alpha > 0 && alpha < 1)
                || !(minRatio >= 1)
                || !(minVehicleDays > 0)
                || maxSample < 100) {
            throw new IllegalArgumentException("pitwall.diagnostics.regression: window > 0, 0 < alpha < 1, "
                    + "minRatio >= 1, minVehicleDays > 0, maxSample >= 100");
        }
    }
}
