package io.pitwall.server.inventory.web;

import io.pitwall.server.inventory.Ecu;
import io.pitwall.server.inventory.Vehicle;
import io.pitwall.server.inventory.Vin;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * A vehicle as JSON: the body of a create or replace, and one line of a JSON Lines import. Every field
 * is checked by the inventory's records, so a refusal carries the same code on every path.
 * {@code version} is required by a replace and ignored elsewhere.
 */
record VehicleBody(String vin, String model, Integer modelYear, String region, String market, String customerType,
        String connectivity, Map<String, String> attributes, List<String> tags, List<EcuBody> ecus, Long version) {

    Vehicle toVehicle() {
        return toVehicle(new Vin(vin));
    }

    Vehicle toVehicle(Vin vin) {
        List<Ecu> converted = new ArrayList<>();
        if (ecus != null) {
            for (EcuBody ecu : ecus) {
                converted.add(Required.present(ecu, "ecus").toEcu());
            }
        }
        return new Vehicle(vin, model, Required.present(modelYear, "modelYear"), region, market, customerType,
                connectivity, attributes, tags == null ? null : new HashSet<>(tags), converted);
    }
}
