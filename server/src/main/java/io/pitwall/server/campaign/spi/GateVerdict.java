package io.pitwall.server.campaign.spi;

import java.util.List;

/**
 * The outcome of evaluating a wave gate: {@code WAITING} while fewer vehicles than the gate's minimum
 * have executed (nothing is judged on too little evidence), else {@code PASSED} when every check passed
 * and {@code FAILED} otherwise. The checks carry the numbers.
 */
public record GateVerdict(Outcome outcome, List<GateCheck> checks) {

    public enum Outcome {
        WAITING,
        PASSED,
        FAILED
    }

    public GateVerdict {
        checks = List.copyOf(checks);
    }

    public List<GateCheck> failedChecks() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }
}
