package io.pitwall.cli;

import java.util.List;
import java.util.Map;

/**
 * The demo campaign's wave plan: a pilot of 10 % of the fleet, then 30 % of the rest, then everyone else.
 * The gates tolerate the demo's injected boot-health rollbacks (a few per cent, by design) but no
 * verification failures and at most a quarter of install or download failures per wave, and abort the
 * whole campaign beyond 20 % failures of any kind.
 */
final class DemoWaves {

    static final String DESCRIPTION = "pilot 10 % → early adopters 30 % of the rest → everyone else";

    private DemoWaves() {}

    static Map<String, Object> plan() {
        Map<String, Object> gate = Map.of(
                "minExecuted",
                20,
                "maxFailureRateByCategory",
                Map.of("VERIFICATION", 0.0, "INSTALL", 0.25, "DOWNLOAD", 0.25));
        return Map.of(
                "waves",
                List.of(
                        wave("pilot", "PERCENT", "10", gate),
                        wave("early adopters", "PERCENT", "30", gate),
                        Map.of("name", "everyone else", "kind", "REST", "soakMinutes", 0, "gate", gate)),
                "abortCriteria",
                List.of(Map.of("failureType", "ALL", "thresholdPercent", 20.0, "minExecuted", 20)));
    }

    static final String BAD_DESCRIPTION = "pilot 20 % (at most 20 % failures of any kind) → everyone else";

    /**
     * The second campaign's plan: the same shape, but its pilot gate allows at most 20 % failures of any kind,
     * boot-health rollbacks included, so the bad image's pilot pauses the campaign before anyone else gets it.
     */
    static Map<String, Object> badPlan() {
        Map<String, Object> gate = Map.of("minExecuted", 5, "maxFailureRate", 0.2);
        return Map.of(
                "waves",
                List.of(
                        wave("pilot", "PERCENT", "20", gate),
                        Map.of("name", "everyone else", "kind", "REST", "soakMinutes", 0, "gate", gate)),
                "abortCriteria",
                List.of());
    }

    private static Map<String, Object> wave(String name, String kind, String selector, Map<String, Object> gate) {
        return Map.of("name", name, "kind", kind, "selector", selector, "soakMinutes", 0, "gate", gate);
    }
}
