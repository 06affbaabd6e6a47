package io.pitwall.server.campaign.web;

import io.pitwall.server.campaign.FailureCategory;
import io.pitwall.server.campaign.WaveGate;
import io.pitwall.server.campaign.WaveKind;
import io.pitwall.server.campaign.WaveSpec;
import io.pitwall.server.shared.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.EnumMap;
import java.util.Map;

/** A wave as the API takes it; converted (and validated) into a {@link WaveSpec}. */
record WaveBody(
        @Schema(maxLength = 100) String name,
        @Schema(maxLength = 20) String kind,
        @Schema(maxLength = 4000) String selector,
        Integer soakMinutes,
        GateBody gate,
        Boolean needsApproval) {

    record GateBody(
            Integer minExecuted,
            Double minSuccessRate,
            Double maxFailureRate,
            Map<String, Double> maxFailureRateByCategory,
            Integer maxTimeouts,
            Double minTelemetryCompleteness) {

        WaveGate toGate() {
            Map<FailureCategory, Double> byCategory = new EnumMap<>(FailureCategory.class);
            if (maxFailureRateByCategory != null) {
                maxFailureRateByCategory.forEach((name, rate) -> byCategory.put(category(name), rate));
            }
            return new WaveGate(
                    minExecuted == null ? 1 : minExecuted,
                    minSuccessRate,
                    maxFailureRate,
                    byCategory,
                    maxTimeouts,
                    minTelemetryCompleteness);
        }

        private static FailureCategory category(String name) {
            try {
                return FailureCategory.valueOf(String.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw ApiException.unprocessable("invalid-wave-gate", "'" + name + "' is not a failure category");
            }
        }
    }

    WaveSpec toSpec() {
        WaveKind parsed;
        try {
            parsed = WaveKind.valueOf(String.valueOf(kind));
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("invalid-wave-plan", "kind is TAG, VINS, FILTER, PERCENT or REST");
        }
        if (gate == null) {
            throw ApiException.unprocessable("invalid-wave-plan", "Wave '" + name + "' needs a gate");
        }
        return new WaveSpec(
                name,
                parsed,
                selector,
                soakMinutes == null ? 0 : soakMinutes,
                gate.toGate(),
                needsApproval != null && needsApproval);
    }
}
