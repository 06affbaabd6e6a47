package io.pitwall.server.diagnostics.web;

import io.pitwall.protocol.device.VehicleSignals;
import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.Permission;
import io.pitwall.server.privacy.DataClass;
import io.pitwall.server.privacy.SignalRedaction;
import java.util.Set;

/**
 * Location is shown only to operators holding {@link Permission#LOCATION_READ}: everyone else gets the vehicle
 * state without its {@code Vehicle.CurrentLocation.*} signals (the fields are left out, not nulled into view).
 */
final class LocationVisibility {

    private static final SignalRedaction LOCATION = new SignalRedaction(Set.of(DataClass.LOCATION));

    private LocationVisibility() {}

    static VehicleSignals visible(VehicleSignals state) {
        if (state == null || allowed()) {
            return state;
        }
        return state.withoutLocation();
    }

    private static boolean allowed() {
        return CurrentOperator.get().map(o -> o.has(Permission.LOCATION_READ)).orElse(false);
    }
}
