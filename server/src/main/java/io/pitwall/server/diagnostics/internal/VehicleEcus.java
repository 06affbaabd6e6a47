package io.pitwall.server.diagnostics.internal;

import io.pitwall.server.inventory.Ecu;
import io.pitwall.server.inventory.FindVehicles;
import io.pitwall.server.inventory.KnownVehicles;
import io.pitwall.server.inventory.Vin;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The inventory's model of a vehicle and its ECUs by serial (type, expected firmware version) as of now. */
@Component
class VehicleEcus {

    private final FindVehicles vehicles;
    private final KnownVehicles known;

    VehicleEcus(FindVehicles vehicles, KnownVehicles known) {
        this.vehicles = vehicles;
        this.known = known;
    }

    /** @param model {@code null} when the inventory does not know the vehicle */
    record Known(String model, Map<String, Ecu> ecus) {}

    Known of(String vin) {
        // Asked first because a refusal thrown inside the ingesting transaction would mark it rollback-only;
        // a vehicle that reports but is not (or no longer) in the inventory gets its reports flagged instead.
        if (!known.exists(vin)) {
            return new Known(null, Map.of());
        }
        var vehicle = vehicles.get(Vin.of(vin)).vehicle();
        return new Known(
                vehicle.model(), vehicle.ecus().stream().collect(Collectors.toMap(Ecu::serial, Function.identity())));
    }
}
