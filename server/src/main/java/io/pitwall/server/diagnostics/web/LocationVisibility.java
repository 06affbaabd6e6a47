package io.pitwall.server.diagnostics.web;

import io.pitwall.protocol.device.VehicleSignals;
import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.Permission;

/**
 * Location is shown only to operators holding {@link Permission#LOCATION_READ}: everyone else gets the vehicle
 * state without its {@code Vehicle.CurrentLocation.*} signals (the fields are left out, not nulled into view).
 */
final class LocationVisibility {

    private LocationVisibility() {
    }

    static VehicleSignals visible(VehicleSignals state) {
        if (state == null || CurrentOperator.get().map(o -> o.has(Permission.LOCATION_READ)).orElse(false)) {
            return state;
        }
        return state.withoutLocation();
    }
}
