package io.pitwall.server.inventory.web;

import io.pitwall.server.inventory.Ecu;
import io.pitwall.server.inventory.Vehicle;
import io.pitwall.server.inventory.Vin;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * A vehicle as JSON: the body of a create or replace, and one line of a JSON Lines import. Every field
 * is checked by the inventory's records, so a refusal carries the same code on every path.
 * {@code version} is required by a replace and ignored elsewhere.
 */
record VehicleBody(
        @Schema(maxLength = 17) String vin,
        @Schema(maxLength = 64) String model,
        Integer modelYear,
        @Schema(maxLength = 32) String region,
        @Schema(maxLength = 32) String market,
        @Schema(maxLength = 32) String customerType,
        @Schema(maxLength = 32) String connectivity,

        @Schema(
                description = "names: 1-64 of letters, digits, '.', '_', ':', '-'",
                additionalPropertiesSchema = AttributeValue.class)
        Map<String, String> attributes,

        @ArraySchema(schema = @Schema(maxLength = 64)) List<String> tags,
        List<EcuBody> ecus,
        Long version) {

    /** An attribute's value in the API document (checked by {@link Vehicle}). */
    @Schema(type = "string", maxLength = 256)
    interface AttributeValue {}

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
        return new Vehicle(
                vin,
                model,
                Required.present(modelYear, "modelYear"),
                region,
                market,
                customerType,
                connectivity,
                attributes,
                tags == null ? null : new HashSet<>(tags),
                converted);
    }
}
