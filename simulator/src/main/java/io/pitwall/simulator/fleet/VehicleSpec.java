package io.pitwall.simulator.fleet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A generated vehicle: identity, model, where it is sold, who owns it, and its ECUs. */
public record VehicleSpec(
        String vin,
        VehicleModel model,
        int modelYear,
        Region region,
        String market,
        String customerType,
        List<String> tags,
        List<EcuSpec> ecus) {

    public VehicleSpec {
        tags = List.copyOf(tags);
        ecus = List.copyOf(ecus);
    }

    /** The vehicle as one JSON line of {@code POST /api/v1/vehicles/import}. */
    public Map<String, Object> importLine() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("vin", vin);
        line.put("model", model.name());
        line.put("modelYear", modelYear);
        line.put("region", region.name());
        line.put("market", market);
        line.put("customerType", customerType);
        line.put("connectivity", "CELLULAR");
        line.put("tags", tags);
        line.put("ecus", ecus.stream().map(EcuSpec::importFields).toList());
        return line;
    }
}
