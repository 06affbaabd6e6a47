package io.pitwall.simulator.fleet;

import java.util.List;

/** A vehicle model: the ECU hardware every vehicle of it carries, and who usually owns one. */
public record VehicleModel(String name, List<EcuHardware> hardware, List<String> customerTypes) {

    public VehicleModel {
        hardware = List.copyOf(hardware);
        customerTypes = List.copyOf(customerTypes);
        if (hardware.isEmpty() || customerTypes.isEmpty()) {
            throw new IllegalArgumentException("model " + name + " needs ECUs and customer types");
        }
    }
}
