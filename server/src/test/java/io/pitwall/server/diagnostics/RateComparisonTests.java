package io.pitwall.server.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/** The exact conditional test against values computed independently (exact sums and scipy.stats). */
class RateComparisonTests {

    @Test
    void binomialUpperTailsMatchExactSums() {
        assertThat(RateComparison.upperTail(8, 10, 0.5)).isCloseTo(56.0 / 1024, within(1e-15));
        assertThat(RateComparison.upperTail(10, 10, 0.5)).isCloseTo(1.0 / 1024, within(1e-15));
        assertThat(RateComparison.upperTail(30, 40, 0.5)).isCloseTo(0.0011107168866146822, withinPercentage(1e-9));
        assertThat(RateComparison.upperTail(3, 100, 0.01)).isCloseTo(0.07937320225218046, withinPercentage(1e-9));
        assertThat(RateComparison.upperTail(0, 10, 0.3)).isEqualTo(1.0);
    }

    @Test
    void largeCountsNeitherOverflowNorUnderflow() {
        // scipy.stats.binom.sf(1199, 5000, 0.2)
        assertThat(RateComparison.upperTail(1200, 5000, 0.2)).isCloseTo(2.6734748784210364e-12, withinPercentage(1e-6));
        assertThat(RateComparison.upperTail(1, 100_000, 0.5)).isCloseTo(1.0, within(1e-12));
        assertThat(RateComparison.upperTail(900, 1000, 0.5))
                .isGreaterThanOrEqualTo(0.0)
                .isLessThan(1e-100);
    }

    @Test
    void clopperPearsonLowerBoundsMatchClosedFormAndBetaQuantiles() {
        // k = n: pL = alpha^(1/n)
        assertThat(RateComparison.lowerBound(10, 10, 0.05)).isCloseTo(Math.pow(0.05, 0.1), within(1e-12));
        // scipy.stats.beta.ppf(0.01, 1200, 3801)
        assertThat(RateComparison.lowerBound(1200, 5000, 0.01)).isCloseTo(0.2260597484777286, within(1e-9));
    }

    @Test
    void aRegressionIsSignificantWithItsRatioBound() {
        // 10 faults on the updated side, none on equal control exposure: p = 0.5^10, ratio bound 2.863 at 5 %
        var c = RateComparison.of(10, 50, 0, 50, 0.05);
        assertThat(c.pValue()).isCloseTo(1.0 / 1024, within(1e-15));
        assertThat(c.ratio()).isInfinite();
        assertThat(c.ratioLower()).isCloseTo(2.8630091819870613, within(1e-9));
    }

    @Test
    void equalRatesAreNotSignificant() {
        var c = RateComparison.of(20, 100, 80, 400, 0.01);
        assertThat(c.ratio()).isCloseTo(1.0, within(1e-12));
        assertThat(c.pValue()).isGreaterThan(0.4);
        assertThat(c.ratioLower()).isLessThan(1.0);
    }

    @Test
    void noFaultsAtAllGiveNoEvidence() {
        var c = RateComparison.of(0, 10, 0, 10, 0.01);
        assertThat(c.pValue()).isEqualTo(1.0);
        assertThat(c.ratioLower()).isZero();
    }

    @Test
    void impossibleInputsAreRefused() {
        assertThatThrownBy(() -> RateComparison.of(-1, 1, 0, 1, 0.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateComparison.of(1, 0, 0, 1, 0.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateComparison.of(1, 1, 0, 1, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
