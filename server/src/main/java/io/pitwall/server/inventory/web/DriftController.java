package io.pitwall.server.inventory.web;

import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.inventory.EcuDrift;
import io.pitwall.server.inventory.KnownVehicles;
import io.pitwall.server.inventory.VehicleReporting;
import io.pitwall.server.shared.ApiException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Where a vehicle's reported software differs from the expected inventory. */
@RestController
class DriftController {

    record DriftResponse(String vin, boolean drifted, List<EcuDrift> ecus) {}

    private final VehicleReporting reporting;
    private final KnownVehicles vehicles;

    DriftController(VehicleReporting reporting, KnownVehicles vehicles) {
        this.reporting = reporting;
        this.vehicles = vehicles;
    }

    @GetMapping("/api/v1/vehicles/{vin}/drift")
    @RequiresPermission(Permission.VEHICLE_READ)
    DriftResponse drift(@PathVariable String vin) {
        if (!vehicles.exists(vin)) {
            throw ApiException.notFound("vehicle-not-found", "No vehicle with VIN '" + vin + "'");
        }
        List<EcuDrift> ecus = reporting.drift(vin);
        return new DriftResponse(vin, !ecus.isEmpty(), ecus);
    }
}
