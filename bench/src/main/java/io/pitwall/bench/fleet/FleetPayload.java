package io.pitwall.bench.fleet;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code POST /api/v1/vehicles/import} for a generated fleet: JSON Lines, one vehicle per line
 * in the shape of a create request with its ECUs inline. The one place that knows the import's format.
 */
public final class FleetPayload {

    public static final String CONTENT_TYPE = "application/x-ndjson";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FleetPayload() {}

    public static byte[] importRequest(FleetGenerator fleet, int vehicles) {
        return importRequest(fleet, 0, vehicles);
    }

    /** Vehicles {@code first} to {@code first + vehicles - 1} of the fleet. */
    public static byte[] importRequest(FleetGenerator fleet, long first, int vehicles) {
        var out = new ByteArrayOutputStream(vehicles * 900);
        for (long n = first; n < first + vehicles; n++) {
            out.writeBytes(JSON.writeValueAsBytes(vehicle(fleet.vehicle(n))));
            out.write('\n');
        }
        return out.toByteArray();
    }

    static Map<String, Object> vehicle(FleetGenerator.Vehicle v) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("vin", v.vin());
        json.put("model", v.model());
        json.put("modelYear", v.modelYear());
        json.put("region", v.region());
        json.put("market", v.market());
        json.put("customerType", v.customerType());
        json.put("connectivity", v.connectivity());
        json.put("attributes", v.attributes());
        json.put("tags", v.tags());
        List<Map<String, Object>> ecus = new ArrayList<>();
        for (var e : v.ecus()) {
            Map<String, Object> ecu = new LinkedHashMap<>();
            ecu.put("serial", e.serial());
            ecu.put("type", e.ecuType());
            ecu.put("hardwareId", e.hardwareId());
            ecu.put("hardwareVariant", e.hardwareVariant());
            ecu.put("softwareVersion", e.softwareVersion());
            ecu.put("imageHash", e.imageHash());
            ecu.put("updatePolicy", e.updatePolicy());
            ecu.put("primary", e.primary());
            ecus.add(ecu);
        }
        json.put("ecus", ecus);
        return json;
    }
}
