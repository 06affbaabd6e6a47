package io.pitwall.agent;

import io.pitwall.protocol.device.Assignment;
import io.pitwall.protocol.device.Connectivity;
import io.pitwall.protocol.device.LowVoltageSystemState;
import io.pitwall.protocol.device.VehicleSignals;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates the policy against the vehicle at this moment. An unknown signal never satisfies a rule.
 * Downloads need consent and (for large packages) Wi-Fi; installs need consent, batteries, and — per
 * policy, or always for in-place — ignition off, park lock, standstill. Wi-Fi does not gate the install
 * itself: by then the bytes are on board. The overloads taking the {@link Assignment} apply the stricter of
 * the vehicle's policy and the campaign's ({@link InstallPolicy#stricter}).
 */
public final class VehicleRules {

    private VehicleRules() {}

    /** Unmet rules for downloading the assignment under the stricter of the vehicle's and the campaign's policy. */
    public static List<Rule> unmetForDownload(InstallPolicy policy, VehicleState state, Assignment assignment) {
        return unmetForDownload(policy.stricter(assignment.policy()), state, assignment.totalLength());
    }

    /** Unmet rules for installing the assignment now under the stricter of the two policies. */
    public static List<Rule> unmetForInstall(
            InstallPolicy policy, VehicleState state, Assignment assignment, boolean inPlace) {
        return unmetForInstall(policy.stricter(assignment.policy()), state, inPlace);
    }

    /** Unmet rules for downloading a package of {@code packageBytes}, in reporting order; empty when allowed. */
    public static List<Rule> unmetForDownload(InstallPolicy policy, VehicleState state, long packageBytes) {
        List<Rule> unmet = new ArrayList<>();
        if (policy.requireOwnerConsent() && !state.ownerConsent()) {
            unmet.add(Rule.CONSENT_MISSING);
        }
        if (packageBytes > policy.wifiRequiredAboveBytes() && state.connectivity() != Connectivity.WIFI) {
            unmet.add(Rule.WIFI_REQUIRED);
        }
        return unmet;
    }

    /** Unmet rules for installing now, in reporting order; empty when allowed. */
    public static List<Rule> unmetForInstall(InstallPolicy policy, VehicleState state, boolean inPlace) {
        VehicleSignals s = state.signals();
        List<Rule> unmet = new ArrayList<>();
        if (policy.requireOwnerConsent() && !state.ownerConsent()) {
            unmet.add(Rule.CONSENT_MISSING);
        }
        if (below(s.stateOfChargePercent(), policy.minStateOfChargePercent())) {
            unmet.add(Rule.STATE_OF_CHARGE_LOW);
        }
        if (below(s.lowVoltageBatteryVolts(), policy.minLowVoltageVolts())) {
            unmet.add(Rule.LOW_VOLTAGE_LOW);
        }
        LowVoltageSystemState ignition = s.lowVoltageSystemState();
        if ((policy.requireIgnitionOff() || inPlace) && (ignition == null || !ignition.isIgnitionOff())) {
            unmet.add(Rule.IGNITION_ON);
        }
        if ((policy.requireParked() || inPlace) && !Boolean.TRUE.equals(s.parkLockEngaged())) {
            unmet.add(Rule.NOT_PARKED);
        }
        if ((policy.requireStationary() || inPlace) && (s.speedKmh() == null || s.speedKmh() != 0.0)) {
            unmet.add(Rule.MOVING);
        }
        return unmet;
    }

    private static boolean below(Double value, double minimum) {
        return minimum > 0 && (value == null || value < minimum);
    }
}
