package io.pitwall.server.inventory.web;

import io.pitwall.server.inventory.RegisteredVehicle;
import io.pitwall.server.inventory.Vehicle;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A stored vehicle as answered: ECUs ordered by serial, attributes by name, tags alphabetically. */
record VehicleResponse(
        String vin,
        String model,
        int modelYear,
        String region,
        String market,
        String customerType,
        String connectivity,
        Map<String, String> attributes,
        Set<String> tags,
        List<EcuBody> ecus,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static VehicleResponse of(RegisteredVehicle stored) {
        Vehicle v = stored.vehicle();
        return new VehicleResponse(
                v.vin().value(),
                v.model(),
                v.modelYear(),
                v.region(),
                v.market(),
                v.customerType(),
                v.connectivity(),
                v.attributes(),
                v.tags(),
                v.ecus().stream().map(EcuBody::of).toList(),
                stored.version(),
                stored.createdAt(),
                stored.updatedAt());
    }
}
