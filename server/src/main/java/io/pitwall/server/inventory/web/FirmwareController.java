package io.pitwall.server.inventory.web;

import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.inventory.FindVehicles;
import io.pitwall.server.inventory.FirmwareCount;
import io.pitwall.server.shared.ApiException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class FirmwareController {

    /** How widely one software version is installed on one hardware id. */
    record FirmwareRow(String hardwareId, String softwareVersion, long ecus, long vehicles) {

        static FirmwareRow of(FirmwareCount count) {
            return new FirmwareRow(count.hardwareId(), count.softwareVersion(), count.ecus(), count.vehicles());
        }
    }

    record FirmwareResponse(List<FirmwareRow> items) {}

    private final FindVehicles find;

    FirmwareController(FindVehicles find) {
        this.find = find;
    }

    /** ECU and vehicle counts per hardware id and software version, optionally narrowed. */
    @GetMapping("/api/v1/inventory/firmware")
    @RequiresPermission(Permission.VEHICLE_READ)
    FirmwareResponse firmware(
            @RequestParam(required = false) String model,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String hardwareId) {
        return new FirmwareResponse(
                find
                        .firmware(checked(model, "model"), checked(region, "region"), checked(hardwareId, "hardwareId"))
                        .stream()
                        .map(FirmwareRow::of)
                        .toList());
    }

    private static String checked(String value, String name) {
        if (value != null && (value.isBlank() || value.length() > 64)) {
            throw ApiException.badRequest("invalid-parameter", name + " must have 1-64 characters");
        }
        return value;
    }
}
