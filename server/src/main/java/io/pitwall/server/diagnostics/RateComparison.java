package io.pitwall.server.diagnostics;

/**
 * A one-sided comparison of two Poisson rates, {@code updated} faults over {@code updatedExposure} against
 * {@code control} faults over {@code controlExposure} (exposures in vehicle-days): the exact conditional
 * binomial test. Given n = updated + control faults, under equal rates the updated count is
 * Binomial(n, p0) with p0 = updatedExposure / (updatedExposure + controlExposure); the p-value is
 * P(X &ge; updated). The lower confidence bound of the rate ratio comes from the one-sided Clopper-Pearson
 * bound pL of the binomial share: ratioLower = pL / (1 - pL) * controlExposure / updatedExposure.
 *
 * @param ratio      observed rate ratio (updated rate / control rate); infinite when control had no faults
 * @param pValue     one-sided p-value for "the updated rate is higher"
 * @param ratioLower lower (1 - alpha) confidence bound of the rate ratio (0 when there were no updated faults)
 */
public record RateComparison(
        long updated,
        double updatedExposure,
        long control,
        double controlExposure,
        double ratio,
        double pValue,
        double ratioLower) {

    /** Compares the counts; the exposures must be positive. */
    public static RateComparison of(
            long updated, double updatedExposure, long control, double controlExposure, double alpha) {
        if (updated < 0
                || control < 0
                || !(updatedExposure > 0)
                || !(controlExposure > 0)
                || !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("counts are not negative, exposures positive, alpha in (0, 1)");
        }
        long n = updated + control;
        double p0 = updatedExposure / (updatedExposure + controlExposure);
        double pValue = n == 0 ? 1.0 : upperTail(updated, n, p0);
        double ratio = control == 0
                ? (updated == 0 ? 1.0 : Double.POSITIVE_INFINITY)
                : (updated / updatedExposure) / (control / controlExposure);
        double lower = 0.0;
        if (updated > 0) {
            double pL = lowerBound(updated, n, alpha);
            lower = pL >= 1.0 ? Double.POSITIVE_INFINITY : pL / (1 - pL) * controlExposure / updatedExposure;
        }
        return new RateComparison(updated, updatedExposure, control, controlExposure, ratio, pValue, lower);
    }

    /** P(X &ge; k) for X ~ Binomial(n, p), summed in log space so large n neither overflows nor underflows. */
    static double upperTail(long k, long n, double p) {
        if (k <= 0) {
            return 1.0;
        }
        if (p <= 0) {
            return 0.0;
        }
        if (p >= 1) {
            return 1.0;
        }
        if (k > n) {
            return 0.0;
        }
        // Sum away from the mode only, so the terms shrink: the upper tail directly above the mean, else one
        // minus the lower tail below k.
        if (k >= n * p) {
            double sum = 0;
            double term = 1;
            for (long i = k; i <= n; i++) {
                sum += term;
                term *= (double) (n - i) / (i + 1) * p / (1 - p);
                if (term < 1e-17 * sum) {
                    break;
                }
            }
            return Math.min(1.0, Math.exp(logTerm(k, n, p) + Math.log(sum)));
        }
        double sum = 0;
        double term = 1;
        for (long i = k - 1; i >= 0; i--) {
            sum += term;
            term *= (double) i / (n - i + 1) * (1 - p) / p;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return Math.max(0.0, 1.0 - Math.exp(logTerm(k - 1, n, p) + Math.log(sum)));
    }

    private static double logTerm(long k, long n, double p) {
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
    }

    /** The one-sided Clopper-Pearson lower bound: the p at which P(X &ge; k) = alpha (by bisection). */
    static double lowerBound(long k, long n, double alpha) {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (upperTail(k, n, mid) < alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** ln(n!): exact below 256, else Stirling's series (relative error far below 1e-15 there). */
    private static double logFactorial(long n) {
        if (n < 256) {
            double sum = 0;
            for (long i = 2; i <= n; i++) {
                sum += Math.log(i);
            }
            return sum;
        }
        double x = n;
        return x * Math.log(x)
                - x
                + 0.5 * Math.log(2 * Math.PI * x)
                + 1 / (12 * x)
                - 1 / (360 * x * x * x)
                + 1 / (1260 * Math.pow(x, 5));
    }
}
