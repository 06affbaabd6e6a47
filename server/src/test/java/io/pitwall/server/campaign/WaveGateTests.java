package io.pitwall.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.server.campaign.spi.GateCheck;
import io.pitwall.server.campaign.spi.GateCondition;
import io.pitwall.server.campaign.spi.GateVerdict.Outcome;
import io.pitwall.server.shared.ApiException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WaveGateTests {

    private static final WaveGate GATE = new WaveGate(20, 0.95, 0.05, Map.of(FailureCategory.INSTALL, 0.02), 1, 0.9);

    /** assigned, executed, succeeded, timedOut, install failures, download failures, health reports. */
    static Stream<Arguments> evidence() {
        return Stream.of(
                Arguments.of(
                        "too few executed",
                        evidence(50, 19, 19, 0, 0, 0, 19),
                        Outcome.WAITING,
                        List.of("min-executed")),
                Arguments.of(
                        "a wave smaller than the minimum, not all executed",
                        evidence(12, 11, 11, 0, 0, 0, 11),
                        Outcome.WAITING,
                        List.of("min-executed")),
                Arguments.of(
                        "a wave smaller than the minimum, all executed",
                        evidence(12, 12, 12, 0, 0, 0, 12),
                        Outcome.PASSED,
                        List.of()),
                Arguments.of("all good", evidence(50, 40, 40, 0, 0, 0, 38), Outcome.PASSED, List.of()),
                Arguments.of("exactly at every limit", evidence(100, 100, 95, 1, 2, 2, 86), Outcome.PASSED, List.of()),
                Arguments.of(
                        "install failures above their category limit",
                        evidence(100, 100, 97, 0, 3, 0, 97),
                        Outcome.FAILED,
                        List.of("max-failure-rate.install")),
                Arguments.of(
                        "success rate and failure rate",
                        evidence(40, 40, 36, 0, 0, 4, 36),
                        Outcome.FAILED,
                        List.of("min-success-rate", "max-failure-rate")),
                Arguments.of("timeouts", evidence(40, 40, 38, 2, 0, 0, 38), Outcome.FAILED, List.of("max-timeouts")),
                Arguments.of(
                        "health reports missing",
                        evidence(40, 40, 40, 0, 0, 0, 35),
                        Outcome.FAILED,
                        List.of("min-telemetry-completeness")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("evidence")
    void judgesTheEvidence(String name, WaveEvidence evidence, Outcome outcome, List<String> failed) {
        var verdict = GATE.evaluate(1, 0, evidence, List.of());
        assertThat(verdict.outcome()).isEqualTo(outcome);
        assertThat(verdict.failedChecks()).extracting(GateCheck::name).containsExactlyElementsOf(failed);
    }

    @Test
    void aPluggableConditionCanFailAGateTheNumbersPass() {
        GateCondition regression = (campaign, wave, evidence) ->
                new GateCheck("fault-regression", false, 3.2, 1.5, "P0A80 3.2x more frequent on updated vehicles");
        var verdict = GATE.evaluate(7, 1, evidence(50, 40, 40, 0, 0, 0, 40), List.of(regression));
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verdict.failedChecks())
                .extracting(GateCheck::detail)
                .containsExactly("P0A80 3.2x more frequent on updated vehicles");
    }

    @Test
    void refusesLimitsOutsideTheirRange() {
        assertThatThrownBy(() -> new WaveGate(0, null, null, null, null, null))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("minExecuted");
        assertThatThrownBy(() -> new WaveGate(1, 1.5, null, null, null, null))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("minSuccessRate");
        assertThatThrownBy(() -> new WaveGate(1, null, null, Map.of(FailureCategory.DOWNLOAD, -0.1), null, null))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("DOWNLOAD");
        assertThatThrownBy(() -> new WaveGate(1, null, null, null, -1, null)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> evidence(10, 11, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    static WaveEvidence evidence(
            long assigned, long executed, long succeeded, long timedOut, long install, long download, long health) {
        return new WaveEvidence(
                assigned,
                executed,
                succeeded,
                timedOut,
                Map.of(FailureCategory.INSTALL, install, FailureCategory.DOWNLOAD, download),
                health);
    }
}
