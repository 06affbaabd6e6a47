package io.pitwall.simulator.fleet;

import java.util.List;
import java.util.Map;

/** A generated fleet, in generation order (which is also the order faults are drawn in). */
public record Fleet(List<VehicleSpec> vehicles) {

    public Fleet {
        vehicles = List.copyOf(vehicles);
    }

    public int size() {
        return vehicles.size();
    }

    public List<String> vins() {
        return vehicles.stream().map(VehicleSpec::vin).toList();
    }

    public List<Map<String, Object>> importLines() {
        return vehicles.stream().map(VehicleSpec::importLine).toList();
    }
}
