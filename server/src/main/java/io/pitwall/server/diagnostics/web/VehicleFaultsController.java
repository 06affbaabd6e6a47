package io.pitwall.server.diagnostics.web;

import io.pitwall.protocol.device.VehicleSignals;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.diagnostics.AnswerQuality;
import io.pitwall.server.diagnostics.EcuFaults;
import io.pitwall.server.diagnostics.FindFaults;
import io.pitwall.server.diagnostics.VehicleFaults;
import io.pitwall.server.inventory.KnownVehicles;
import io.pitwall.server.shared.ApiException;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A vehicle's current faults per ECU, with the quality of the answer beside them; the vehicle state's location
 * only for operators with {@code location:read}.
 */
@RestController
class VehicleFaultsController {

    record EcuFaultsResponse(
            String ecuSerial,
            String ecuType,
            String firmwareVersion,
            String sourceFormat,
            Instant occurredAt,
            Instant receivedAt,
            VehicleSignals vehicleState,
            List<String> quality,
            List<FaultJson.FaultResponse> faults) {}

    record VehicleFaultsResponse(
            String vin,
            AnswerQuality dataQuality,
            Instant lastReportAt,
            long malformedReports,
            List<EcuFaultsResponse> ecus,
            List<String> ecusNotReporting,
            List<VehicleFaults.VersionMismatch> versionMismatches) {}

    private final FindFaults faults;
    private final KnownVehicles vehicles;

    VehicleFaultsController(FindFaults faults, KnownVehicles vehicles) {
        this.faults = faults;
        this.vehicles = vehicles;
    }

    @GetMapping("/api/v1/vehicles/{vin}/faults")
    @RequiresPermission(Permission.DIAGNOSTICS_READ)
    VehicleFaultsResponse faults(@PathVariable String vin) {
        if (!vehicles.exists(vin)) {
            throw ApiException.notFound("vehicle-not-found", "No vehicle with VIN '" + vin + "'");
        }
        VehicleFaults found = faults.vehicle(vin);
        return new VehicleFaultsResponse(
                found.vin(),
                found.quality(),
                found.lastReportAt(),
                found.malformedReports(),
                found.ecus().stream().map(VehicleFaultsController::ecu).toList(),
                found.notReporting(),
                found.inconsistent());
    }

    private static EcuFaultsResponse ecu(EcuFaults ecu) {
        return new EcuFaultsResponse(
                ecu.ecuSerial(),
                ecu.ecuType(),
                ecu.firmwareVersion(),
                ecu.format().name(),
                ecu.occurredAt(),
                ecu.receivedAt(),
                LocationVisibility.visible(ecu.vehicleState()),
                ecu.quality().stream().map(Enum::name).sorted().toList(),
                FaultJson.faults(ecu.faults()));
    }
}
