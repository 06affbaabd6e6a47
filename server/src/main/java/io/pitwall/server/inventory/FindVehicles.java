package io.pitwall.server.inventory;

import io.pitwall.server.inventory.persistence.FirmwareCounts;
import io.pitwall.server.inventory.persistence.Vehicles;
import io.pitwall.server.shared.Page;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the inventory: one vehicle, filtered pages of vehicles, and the firmware inventory. */
@Service
public class FindVehicles {

    private final Vehicles vehicles;
    private final FirmwareCounts firmware;
    private final VehicleSelector selector;

    FindVehicles(Vehicles vehicles, FirmwareCounts firmware, VehicleSelector selector) {
        this.vehicles = vehicles;
        this.firmware = firmware;
        this.selector = selector;
    }

    /** The vehicle, or {@code vehicle-not-found} (404). */
    @Transactional(readOnly = true)
    public RegisteredVehicle get(Vin vin) {
        return vehicles.find(vin).orElseThrow(() -> RegisterVehicles.notFound(vin));
    }

    /** Vehicles matching the filter, ordered by VIN; paging as checked by {@link Page#check}. */
    @Transactional(readOnly = true)
    public Page<RegisteredVehicle> page(VehicleFilter filter, int page, int size) {
        return page(filter, null, page, size);
    }

    /**
     * Vehicles matching the filter and the RSQL filter {@code rsql} ({@code null} = any; see
     * {@link VehicleSelector}), ordered by VIN; a bad RSQL filter is {@code invalid-target-filter} (400).
     */
    @Transactional(readOnly = true)
    public Page<RegisteredVehicle> page(VehicleFilter filter, String rsql, int page, int size) {
        Page.check(page, size);
        VehicleSelection selection = selector.compile(rsql);
        return new Page<>(vehicles.page(filter, selection, page, size), page, size, vehicles.count(filter, selection));
    }

    /** How many vehicles match both filters, as {@link #page(VehicleFilter, String, int, int)} selects them. */
    @Transactional(readOnly = true)
    public long count(VehicleFilter filter, String rsql) {
        return vehicles.count(filter, selector.compile(rsql));
    }

    /**
     * For each hardware id and installed software version: how many ECUs run it and on how many
     * vehicles, optionally narrowed to a model, a region and a hardware id ({@code null} = any).
     */
    @Transactional(readOnly = true)
    public List<FirmwareCount> firmware(String model, String region, String hardwareId) {
        return firmware.count(model, region, hardwareId);
    }
}
