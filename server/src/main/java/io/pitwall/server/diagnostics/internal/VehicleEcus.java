package io.pitwall.server.diagnostics.internal;

import io.pitwall.server.inventory.Ecu;
import io.pitwall.server.inventory.FindVehicles;
import io.pitwall.server.inventory.KnownVehicles;
import io.pitwall.server.inventory.Vin;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The inventory's ECUs of a vehicle by serial: type and expected firmware version as of now. */
@Component
class VehicleEcus {

    private final FindVehicles vehicles;
    private final KnownVehicles known;

    VehicleEcus(FindVehicles vehicles, KnownVehicles known) {
        this.vehicles = vehicles;
        this.known = known;
    }

    Map<String, Ecu> of(String vin) {
        // Asked first because a refusal thrown inside the ingesting transaction would mark it rollback-only;
        // a vehicle that reports but is not (or no longer) in the inventory gets its reports flagged instead.
        if (!known.exists(vin)) {
            return Map.of();
        }
        return vehicles.get(Vin.of(vin)).vehicle().ecus().stream()
                .collect(Collectors.toMap(Ecu::serial, Function.identity()));
    }
}
