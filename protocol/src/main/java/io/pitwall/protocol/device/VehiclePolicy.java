package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A campaign's vehicle-state policy as the agent receives it with an {@link Assignment}: every field optional
 * ({@code null}: the campaign adds nothing, and the field is not written). The agent applies the stricter of
 * this and its own provisioned policy, so a campaign can tighten a rule but never loosen one:
 * higher battery minimums, ignition off, parked, Wi-Fi above fewer bytes, owner consent.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VehiclePolicy(
        Double minStateOfChargePercent,
        Double minLowVoltageVolts,
        Boolean ignitionOff,
        Boolean parked,
        Long wifiRequiredAboveBytes,
        Boolean consentRequired) {

    public VehiclePolicy {
        if (minStateOfChargePercent != null && (minStateOfChargePercent < 0 || minStateOfChargePercent > 100)) {
            throw new IllegalArgumentException("minStateOfChargePercent is 0 to 100");
        }
        if (minLowVoltageVolts != null && (minLowVoltageVolts < 0 || minLowVoltageVolts > 60)) {
            throw new IllegalArgumentException("minLowVoltageVolts is 0 to 60");
        }
        if (wifiRequiredAboveBytes != null && wifiRequiredAboveBytes < 0) {
            throw new IllegalArgumentException("wifiRequiredAboveBytes is not negative");
        }
    }

    /** Whether the policy sets nothing (then it is not sent at all). */
    @JsonIgnore
    public boolean isEmpty() {
        return minStateOfChargePercent == null
                && minLowVoltageVolts == null
                && ignitionOff == null
                && parked == null
                && wifiRequiredAboveBytes == null
                && consentRequired == null;
    }
}
