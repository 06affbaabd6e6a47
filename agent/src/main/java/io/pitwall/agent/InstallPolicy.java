package io.pitwall.agent;

import io.pitwall.protocol.device.VehiclePolicy;

/**
 * The vehicle-state rules the agent enforces, configured at provisioning. A minimum of 0 switches a
 * battery rule off (e.g. no traction battery); {@code wifiRequiredAboveBytes} of {@link Long#MAX_VALUE}
 * switches the Wi-Fi rule off. In-place installs always need the vehicle parked, stationary and with the
 * ignition off, whatever the policy says. A campaign's {@link VehiclePolicy} can only tighten this one
 * ({@link #stricter}).
 */
public record InstallPolicy(
        double minStateOfChargePercent,
        double minLowVoltageVolts,
        boolean requireIgnitionOff,
        boolean requireParked,
        boolean requireStationary,
        long wifiRequiredAboveBytes,
        boolean requireOwnerConsent) {

    public InstallPolicy {
        if (minStateOfChargePercent < 0
                || minStateOfChargePercent > 100
                || minLowVoltageVolts < 0
                || wifiRequiredAboveBytes < 0) {
            throw new IllegalArgumentException("thresholds out of range");
        }
    }

    /** 20 % state of charge, 11.8 V, ignition off, parked, stationary, Wi-Fi above 50 MiB, consent. */
    public static InstallPolicy defaults() {
        return new InstallPolicy(20, 11.8, true, true, true, 50L * 1024 * 1024, true);
    }

    public InstallPolicy withMinStateOfChargePercent(double percent) {
        return new InstallPolicy(
                percent,
                minLowVoltageVolts,
                requireIgnitionOff,
                requireParked,
                requireStationary,
                wifiRequiredAboveBytes,
                requireOwnerConsent);
    }

    public InstallPolicy withMinLowVoltageVolts(double volts) {
        return new InstallPolicy(
                minStateOfChargePercent,
                volts,
                requireIgnitionOff,
                requireParked,
                requireStationary,
                wifiRequiredAboveBytes,
                requireOwnerConsent);
    }

    public InstallPolicy withWifiRequiredAboveBytes(long bytes) {
        return new InstallPolicy(
                minStateOfChargePercent,
                minLowVoltageVolts,
                requireIgnitionOff,
                requireParked,
                requireStationary,
                bytes,
                requireOwnerConsent);
    }

    /** Ignition, park lock and speed no longer required for A/B installs (they still are for in-place). */
    public InstallPolicy allowingAbInstallsWhileDriving() {
        return new InstallPolicy(
                minStateOfChargePercent,
                minLowVoltageVolts,
                false,
                false,
                false,
                wifiRequiredAboveBytes,
                requireOwnerConsent);
    }

    /**
     * The stricter of this policy and a campaign's (null: this one): the higher battery minimums, each
     * requirement the campaign adds, Wi-Fi above the smaller size. A laxer campaign value never loosens a rule.
     */
    public InstallPolicy stricter(VehiclePolicy campaign) {
        if (campaign == null) {
            return this;
        }
        return new InstallPolicy(
                Math.max(minStateOfChargePercent, orZero(campaign.minStateOfChargePercent())),
                Math.max(minLowVoltageVolts, orZero(campaign.minLowVoltageVolts())),
                requireIgnitionOff || Boolean.TRUE.equals(campaign.ignitionOff()),
                requireParked || Boolean.TRUE.equals(campaign.parked()),
                requireStationary,
                campaign.wifiRequiredAboveBytes() == null
                        ? wifiRequiredAboveBytes
                        : Math.min(wifiRequiredAboveBytes, campaign.wifiRequiredAboveBytes()),
                requireOwnerConsent || Boolean.TRUE.equals(campaign.consentRequired()));
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
