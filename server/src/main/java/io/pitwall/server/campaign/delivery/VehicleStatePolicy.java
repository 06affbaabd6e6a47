package io.pitwall.server.campaign.delivery;

import io.pitwall.protocol.device.VehiclePolicy;
import io.pitwall.server.shared.ApiException;
import java.util.List;

/**
 * The vehicle-state part of a {@link CampaignSchedule}; every field optional. The battery minimums, ignition
 * off, parked and the Wi-Fi size reach the agent with the assignment ({@link #toDevice}), which applies the
 * stricter of them and its own policy at download and install. {@code allowedRegions} (empty: any) and
 * {@code consentRequired} (the latest check-in reported consent) are applied by the server when it delivers a
 * pending assignment; consent is also sent to the agent, which checks it again at the last moment.
 */
public record VehicleStatePolicy(
        Double minStateOfChargePercent,
        Double minLowVoltageVolts,
        Boolean ignitionOff,
        Boolean parked,
        Long wifiRequiredAboveBytes,
        List<String> allowedRegions,
        Boolean consentRequired) {

    static final int MAX_REGIONS = 100;

    public VehicleStatePolicy {
        allowedRegions = allowedRegions == null ? List.of() : allowedRegions;
        if (minStateOfChargePercent != null && !(minStateOfChargePercent >= 0 && minStateOfChargePercent <= 100)) {
            throw invalid("vehicleState.minStateOfChargePercent is 0 to 100");
        }
        if (minLowVoltageVolts != null && !(minLowVoltageVolts >= 0 && minLowVoltageVolts <= 60)) {
            throw invalid("vehicleState.minLowVoltageVolts is 0 to 60");
        }
        if (wifiRequiredAboveBytes != null && wifiRequiredAboveBytes < 0) {
            throw invalid("vehicleState.wifiRequiredAboveBytes is not negative");
        }
        if (allowedRegions.size() > MAX_REGIONS
                || allowedRegions.stream().anyMatch(r -> r == null || r.isBlank() || r.length() > 32)) {
            throw invalid("vehicleState.allowedRegions: at most " + MAX_REGIONS + " regions of 1-32 characters");
        }
        allowedRegions = List.copyOf(allowedRegions);
    }

    /** Whether a vehicle in {@code region} may be offered the update (no regions given: every region). */
    public boolean allowsRegion(String region) {
        return allowedRegions.isEmpty() || allowedRegions.contains(region);
    }

    /** Whether the server must see the owner's consent before delivering. */
    public boolean requiresConsent() {
        return Boolean.TRUE.equals(consentRequired);
    }

    /** The part the agent enforces, as the device contract carries it. */
    public VehiclePolicy toDevice() {
        return new VehiclePolicy(
                minStateOfChargePercent,
                minLowVoltageVolts,
                ignitionOff,
                parked,
                wifiRequiredAboveBytes,
                consentRequired);
    }

    private static ApiException invalid(String detail) {
        return ApiException.badRequest("invalid-vehicle-state", detail);
    }
}
