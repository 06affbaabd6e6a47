package io.pitwall.server.campaign;

import io.pitwall.server.inventory.VehicleSelector;
import io.pitwall.server.shared.ApiException;

/**
 * One wave of a phased campaign as the release manager defines it.
 *
 * @param name          e.g. "pilot", "EU cohort"
 * @param kind          how it selects vehicles
 * @param selector      the tag, comma-separated VINs, RSQL filter or percentage (1-100); none for REST
 * @param soakMinutes   how long the wave runs before its gate may pass (0-10,080)
 * @param gate          the evidence the wave must show
 * @param needsApproval whether a passed gate waits for an expansion approval
 */
public record WaveSpec(
        String name, WaveKind kind, String selector, int soakMinutes, WaveGate gate, boolean needsApproval) {

    public WaveSpec {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw invalid("A wave name has 1 to 100 characters");
        }
        if (kind == null) {
            throw invalid("Wave '" + name + "' needs a kind: TAG, VINS, FILTER, PERCENT or REST");
        }
        if (kind == WaveKind.FILTER && selector != null && selector.length() > VehicleSelector.MAX_FILTER_LENGTH) {
            // a too-long filter is a bad filter, refused as one wherever it is given
            throw VehicleSelector.invalidFilter("Wave '" + name + "': a filter has at most "
                    + VehicleSelector.MAX_FILTER_LENGTH + " characters, this one " + selector.length());
        }
        if (kind == WaveKind.REST
                ? selector != null && !selector.isBlank()
                : selector == null || selector.isBlank() || selector.length() > 4000) {
            throw invalid("Wave '" + name + "': a " + kind + " wave "
                    + (kind == WaveKind.REST ? "takes no selector" : "needs a selector of at most 4000 characters"));
        }
        if (kind == WaveKind.PERCENT && !isPercent(selector)) {
            throw invalid("Wave '" + name + "': the percentage is a whole number from 1 to 100");
        }
        if (soakMinutes < 0 || soakMinutes > 10_080) {
            throw invalid("Wave '" + name + "': soakMinutes is 0 to 10080");
        }
        if (gate == null) {
            throw invalid("Wave '" + name + "' needs a gate");
        }
    }

    /** The percentage of a PERCENT wave. */
    public int percent() {
        return Integer.parseInt(selector.trim());
    }

    private static boolean isPercent(String selector) {
        try {
            int percent = Integer.parseInt(selector.trim());
            return percent >= 1 && percent <= 100;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public static ApiException invalid(String detail) {
        return ApiException.unprocessable("invalid-wave-plan", detail);
    }
}
