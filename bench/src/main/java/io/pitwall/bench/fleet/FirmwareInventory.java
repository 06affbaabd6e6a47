package io.pitwall.bench.fleet;

import io.pitwall.bench.BenchDatabase;
import io.pitwall.bench.BenchServer;
import io.pitwall.bench.CpuMeter;
import io.pitwall.bench.Latencies;
import io.pitwall.bench.Result;
import io.pitwall.bench.Scenario;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code firmware-inventory}: repeated {@code GET /api/v1/inventory/firmware} over real HTTP while the
 * inventory holds a million ECUs (loaded with COPY from the deterministic fleet).
 */
public final class FirmwareInventory implements Scenario {

    static final String PATH = "/api/v1/inventory/firmware";
    private static final int WARMUP_CALLS = 3;
    private final int ecus;
    private final int ecusPerVehicle;
    private final int calls;
    private final long seed;

    public FirmwareInventory(int ecus, int ecusPerVehicle, int calls, long seed) {
        this.ecus = ecus;
        this.ecusPerVehicle = ecusPerVehicle;
        this.calls = calls;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "firmware-inventory";
    }

    @Override
    public String target() {
        return "p50 ≤ 500 ms over " + String.format(Locale.ROOT, "%,d", ecus) + " ECUs";
    }

    @Override
    public Result run(BenchDatabase database) throws Exception {
        database.reset();
        try (var server = BenchServer.start(database, Map.of())) {
            if (!server.serves("GET", PATH)) {
                return Result.skipped(
                        name(),
                        target(),
                        "this build has no GET " + PATH + " (the inventory module is not merged yet)");
            }
            int vehicles = ecus / ecusPerVehicle;
            long loadStarted = System.nanoTime();
            new FleetLoader().load(database.dataSource(), new FleetGenerator(seed, ecusPerVehicle), vehicles);
            double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
            var admin = server.admin();
            int bytes = 0;
            long[] nanos = new long[calls];
            CpuMeter meter = null;
            long started = 0;
            for (int i = -WARMUP_CALLS; i < calls; i++) {
                if (i == 0) {
                    started = System.nanoTime();
                    meter = CpuMeter.start(database);
                }
                long begin = System.nanoTime();
                var response = admin.exchange("GET", PATH);
                if (response.status() != 200) {
                    return Result.failed(name(), target(), "HTTP " + response.status() + ": " + response.body());
                }
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - begin;
                    bytes = response.body().length();
                }
            }
            var latencies = Latencies.of(nanos, System.nanoTime() - started);
            var cpu = meter.stop();
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("ecus", (long) vehicles * ecusPerVehicle);
            metrics.put("calls", calls);
            metrics.put("p50Millis", latencies.percentileMillis(50));
            metrics.put("p99Millis", latencies.percentileMillis(99));
            metrics.put("responseChars", bytes);
            metrics.put("loadSeconds", loadSeconds);
            metrics.put("jvmCpuMillisPerCall", cpu.jvmSeconds() * 1e3 / calls);
            metrics.put("databaseCpuMillisPerCall", cpu.databaseSeconds() * 1e3 / calls);
            String measured = String.format(
                    Locale.ROOT,
                    "p50 %.0f ms, p99 %.0f ms (%d calls, %,d ECUs, %,d-char answer; CPU per call: JVM %.0f ms, "
                            + "PostgreSQL %.0f ms)",
                    latencies.percentileMillis(50),
                    latencies.percentileMillis(99),
                    calls,
                    (long) vehicles * ecusPerVehicle,
                    bytes,
                    cpu.jvmSeconds() * 1e3 / calls,
                    cpu.databaseSeconds() * 1e3 / calls);
            return new Result(
                    name(), measured, target(), Result.verdict(latencies.percentileMillis(50) <= 500), metrics);
        }
    }
}
