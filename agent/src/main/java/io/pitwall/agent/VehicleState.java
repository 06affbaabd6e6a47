package io.pitwall.agent;

import io.pitwall.protocol.device.Connectivity;
import io.pitwall.protocol.device.VehicleSignals;

/** What the vehicle integration reports at one instant: VSS signals, link type and owner consent. */
public record VehicleState(VehicleSignals signals, Connectivity connectivity, boolean ownerConsent) {

    public VehicleState {
        if (signals == null || connectivity == null) {
            throw new IllegalArgumentException("signals and connectivity are required (use null signal values)");
        }
    }
}
