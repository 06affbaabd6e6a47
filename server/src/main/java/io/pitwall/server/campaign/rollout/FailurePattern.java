package io.pitwall.server.campaign.rollout;

import io.pitwall.server.campaign.spi.GateCheck;
import io.pitwall.server.campaign.spi.GateVerdict;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Condenses a failed gate's evidence: failures per hardware id and variant, most first, and one line. */
final class FailurePattern {

    private FailurePattern() {}

    /** {@code "HW-BMS-2 rev-B" → 12}, most failures first. */
    static Map<String, Long> byHardware(List<FailingVehicle> failing) {
        Map<String, Long> counts = failing.stream()
                .collect(Collectors.groupingBy(
                        f -> f.hardwareId() + " "
                                + (f.hardwareVariant() == null ? "(no variant)" : f.hardwareVariant()),
                        TreeMap::new,
                        Collectors.counting()));
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    static String summary(GateVerdict verdict) {
        return verdict.failedChecks().stream().map(GateCheck::detail).collect(Collectors.joining("; "));
    }
}
