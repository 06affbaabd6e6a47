package io.pitwall.bench.fleet;

import io.pitwall.bench.BenchDatabase;
import io.pitwall.bench.BenchServer;
import io.pitwall.bench.CpuMeter;
import io.pitwall.bench.Result;
import io.pitwall.bench.Scenario;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code import}: one {@code POST /api/v1/vehicles/import} of a generated fleet over real HTTP to a
 * server on 127.0.0.1, timed from the first byte sent to the answer, then the rows counted. A warm-up
 * import of other vehicles runs first, untimed, so the server's import path is compiled as in a server
 * that has been running (a cold JVM spends most of its CPU on the JIT compiler during the first import).
 */
public final class FleetImport implements Scenario {

    static final String PATH = "/api/v1/vehicles/import";
    private final int vehicles;
    private final int ecusPerVehicle;
    private final long seed;
    private final int warmup;

    public FleetImport(int vehicles, int ecusPerVehicle, long seed, int warmup) {
        this.vehicles = vehicles;
        this.warmup = warmup;
        this.ecusPerVehicle = ecusPerVehicle;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String target() {
        return "≥ 10,000 vehicles/s (" + ecusPerVehicle + " ECUs each, " + String.format(Locale.ROOT, "%,d", vehicles)
                + " in one request)";
    }

    @Override
    public Result run(BenchDatabase database) throws Exception {
        database.reset();
        try (var server = BenchServer.start(database, Map.of())) {
            if (!server.serves("POST", PATH)) {
                return Result.skipped(
                        name(),
                        target(),
                        "this build has no POST " + PATH + " (the inventory module is not merged yet)");
            }
            var fleet = new FleetGenerator(seed, ecusPerVehicle);
            var admin = server.admin();
            if (warmup > 0) {
                var warm = admin.exchange(
                        "POST", PATH, FleetPayload.CONTENT_TYPE, FleetPayload.importRequest(fleet, vehicles, warmup));
                if (warm.status() / 100 != 2) {
                    return Result.failed(name(), target(), "warm-up import: HTTP " + warm.status());
                }
            }
            byte[] body = FleetPayload.importRequest(fleet, 0, vehicles);
            var meter = CpuMeter.start(database);
            long started = System.nanoTime();
            var response = admin.exchange("POST", PATH, FleetPayload.CONTENT_TYPE, body);
            double seconds = (System.nanoTime() - started) / 1e9;
            var cpu = meter.stop();
            if (response.status() / 100 != 2) {
                return Result.failed(
                        name(),
                        target(),
                        "HTTP " + response.status() + ": "
                                + response.body()
                                        .substring(
                                                0, Math.min(300, response.body().length())));
            }
            long vehicleRows = database.count("SELECT COUNT(*) FROM vehicle");
            long ecuRows = database.count("SELECT COUNT(*) FROM ecu");
            long expected = (long) vehicles + warmup;
            if (vehicleRows != expected || ecuRows != expected * ecusPerVehicle) {
                return Result.failed(
                        name(), target(), "imported " + vehicleRows + " vehicles and " + ecuRows + " ECUs");
            }
            double perSecond = vehicles / seconds;
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("vehicles", vehicles);
            metrics.put("warmupVehicles", warmup);
            metrics.put("ecus", (long) vehicles * ecusPerVehicle);
            metrics.put("requestBytes", body.length);
            metrics.put("seconds", seconds);
            metrics.put("vehiclesPerSecond", Math.round(perSecond));
            metrics.put("jvmCpuSeconds", cpu.jvmSeconds());
            metrics.put("databaseCpuSeconds", cpu.databaseSeconds());
            metrics.put(
                    "answer", response.body().length() > 500 ? response.body().substring(0, 500) : response.body());
            String measured = String.format(
                    Locale.ROOT,
                    "%,d vehicles/s (%,d vehicles + %,d ECUs, %.1f MB JSON Lines, %.2f s, after a warm-up import of %,d; %s)",
                    Math.round(perSecond),
                    vehicles,
                    (long) vehicles * ecusPerVehicle,
                    body.length / 1e6,
                    seconds,
                    warmup,
                    cpu);
            return new Result(name(), measured, target(), Result.verdict(perSecond >= 10_000), metrics);
        }
    }
}
