package io.pitwall.bench.device;

import io.pitwall.bench.fleet.FleetGenerator;
import io.pitwall.bench.fleet.FleetPayload;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A generated fleet loaded through the server's own API: the inventory with {@code POST
 * /api/v1/vehicles/import} (JSON Lines), then one credential per vehicle with {@code POST
 * /api/v1/vehicles/credentials} (bulk, at most 10,000 VINs a request). Works on PostgreSQL and H2 alike.
 */
public record ProvisionedFleet(List<FleetGenerator.Vehicle> vehicles, List<String> tokens, double seconds) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CREDENTIALS_PER_REQUEST = 10_000;

    public static ProvisionedFleet provision(DeviceHttp http, FleetGenerator generator, int count)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        DeviceHttp.require(
                http.admin(
                        "POST",
                        "/api/v1/vehicles/import",
                        FleetPayload.CONTENT_TYPE,
                        FleetPayload.importRequest(generator, count)),
                200);
        List<FleetGenerator.Vehicle> vehicles = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            vehicles.add(generator.vehicle(n));
        }
        List<String> tokens = new ArrayList<>(count);
        for (int from = 0; from < count; from += CREDENTIALS_PER_REQUEST) {
            var vins = vehicles.subList(from, Math.min(count, from + CREDENTIALS_PER_REQUEST)).stream()
                    .map(FleetGenerator.Vehicle::vin)
                    .toList();
            var issued = DeviceHttp.require(
                    http.admin(
                            "POST",
                            "/api/v1/vehicles/credentials",
                            "application/json",
                            JSON.writeValueAsBytes(Map.of("vins", vins))),
                    201);
            JsonNode answer = JSON.readTree(issued.body());
            for (int i = 0; i < vins.size(); i++) {
                if (!answer.get(i).get("vin").asString().equals(vins.get(i))) {
                    throw new IllegalStateException("credentials answered out of order at " + vins.get(i));
                }
                tokens.add(answer.get(i).get("token").asString());
            }
        }
        return new ProvisionedFleet(List.copyOf(vehicles), List.copyOf(tokens), (System.nanoTime() - started) / 1e9);
    }

    public int size() {
        return vehicles.size();
    }
}
