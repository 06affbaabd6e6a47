package io.pitwall.bench.device;

import io.pitwall.bench.BenchDatabase;
import io.pitwall.bench.BenchServer;
import io.pitwall.bench.CpuMeter;
import io.pitwall.bench.Latencies;
import io.pitwall.bench.Result;
import io.pitwall.bench.Scenario;
import io.pitwall.bench.ThreadCpu;
import io.pitwall.bench.fleet.FleetGenerator;
import io.pitwall.protocol.device.CheckinRequest;
import io.pitwall.protocol.device.Connectivity;
import io.pitwall.protocol.device.DeviceJson;
import io.pitwall.protocol.device.EcuVersion;
import io.pitwall.protocol.device.VehicleSignals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code checkin} / {@code checkin-h2}: a steady fleet with no pending work checking in over real HTTP.
 * The fleet is imported and given credentials through the API; every vehicle checks in once (its first
 * report is stored), then a warm-up and the timed run send each vehicle's unchanged report again, so the
 * server's unchanged-report path is what is measured. Each client thread keeps one connection, owns a
 * slice of the fleet and picks a random vehicle of its slice per request.
 */
public final class Checkin implements Scenario {

    private final boolean embedded;
    private final int vehicles;
    private final int requests;
    private final int warmup;
    private final int clients;
    private final long seed;

    private final double rate;

    /**
     * @param rate the constant rate of the second, paced run (check-ins per second); 0 skips it
     */
    public Checkin(boolean embedded, int vehicles, int requests, int warmup, int clients, long seed, double rate) {
        this.rate = rate;
        this.embedded = embedded;
        this.vehicles = vehicles;
        this.requests = requests;
        this.warmup = warmup;
        this.clients = clients;
        this.seed = seed;
    }

    @Override
    public String name() {
        return embedded ? "checkin-h2" : "checkin";
    }

    @Override
    public String target() {
        return "≥ 3,000 check-ins/s at " + clients + " clients, p99 ≤ 20 ms"
                + (embedded ? " (embedded H2, reported beside PostgreSQL)" : "");
    }

    @Override
    public Result run(BenchDatabase database) throws Exception {
        Path h2Dir = null;
        BenchServer server;
        if (embedded) {
            h2Dir = Files.createTempDirectory("pitwall-bench-h2-");
            server = BenchServer.startEmbedded(h2Dir, Map.of());
        } else {
            database.reset();
            server = BenchServer.start(database, Map.of());
        }
        try (server) {
            if (!server.serves("POST", "/device/v1/vehicles/{vin}/checkin")) {
                return Result.skipped(name(), target(), "this build has no device check-in endpoint");
            }
            var http = new DeviceHttp(server);
            var fleet = ProvisionedFleet.provision(http, new FleetGenerator(seed, 5), vehicles);
            List<WireRequest> checkins = new ArrayList<>(vehicles);
            for (int n = 0; n < vehicles; n++) {
                var vehicle = fleet.vehicles().get(n);
                checkins.add(http.vehiclePost(
                        "/device/v1/vehicles/" + vehicle.vin() + "/checkin",
                        fleet.tokens().get(n),
                        DeviceJson.write(request(vehicle))));
            }
            var load = new ClientLoad(http, clients, seed);
            load.everyOnce(checkins, 200);
            load.randomOwn(checkins, warmup, 200);
            var meter = CpuMeter.start(database);
            var requestThreads = ThreadCpu.start();
            Latencies latencies = load.randomOwn(checkins, requests, 200);
            double serverSeconds = requestThreads.serverSeconds();
            var cpu = meter.stop();
            Latencies paced = rate > 0 ? load.randomOwn(checkins, requests, 200, rate) : null;
            return result(latencies, paced, cpu, serverSeconds, fleet.seconds());
        } finally {
            if (h2Dir != null) {
                deleteRecursively(h2Dir);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** What a parked vehicle with nothing to do reports: the same every time. */
    static CheckinRequest request(FleetGenerator.Vehicle vehicle) {
        List<EcuVersion> ecus = vehicle.ecus().stream()
                .map(e -> new EcuVersion(e.serial(), e.hardwareId(), e.softwareVersion(), e.imageHash()))
                .toList();
        return new CheckinRequest(VehicleSignals.parkedAndOff(80.0, 12.6), Connectivity.CELLULAR, true, ecus);
    }

    private Result result(
            Latencies latencies, Latencies paced, CpuMeter.Usage cpu, double serverSeconds, double provisionSeconds) {
        double perSecond = latencies.perSecond();
        double p99 = latencies.percentileMillis(99);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("database", embedded ? "H2 (embedded file)" : "PostgreSQL");
        metrics.put("vehicles", vehicles);
        metrics.put("requests", latencies.count());
        metrics.put("clients", clients);
        metrics.put("requestsPerSecond", Math.round(perSecond));
        metrics.put("p50Millis", latencies.percentileMillis(50));
        metrics.put("p95Millis", latencies.percentileMillis(95));
        metrics.put("p99Millis", p99);
        metrics.put("wallSeconds", latencies.wallSeconds());
        metrics.put("jvmCpuSeconds", cpu.jvmSeconds());
        metrics.put("requestThreadCpuSeconds", serverSeconds);
        metrics.put("requestThreadCpuMicrosPerCheckin", Math.round(serverSeconds * 1e6 / latencies.count()));
        metrics.put("databaseCpuSeconds", embedded ? 0.0 : cpu.databaseSeconds());
        metrics.put("provisionSeconds", provisionSeconds);
        String where = embedded
                ? "embedded H2; CPU: JVM (server, H2 and clients) %.1f s".formatted(cpu.jvmSeconds())
                : cpu.toString();
        String measured = String.format(
                Locale.ROOT,
                "saturated: %,d req/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (%,d check-ins, %d clients, %,d vehicles;"
                        + " %s; request threads %.0f µs per check-in)",
                Math.round(perSecond),
                latencies.percentileMillis(50),
                latencies.percentileMillis(95),
                p99,
                latencies.count(),
                clients,
                vehicles,
                where,
                serverSeconds * 1e6 / latencies.count());
        boolean met = perSecond >= 3_000 && p99 <= 20;
        if (paced != null) {
            double pacedP99 = paced.percentileMillis(99);
            metrics.put("pacedTargetPerSecond", rate);
            metrics.put("pacedRequestsPerSecond", Math.round(paced.perSecond()));
            metrics.put("pacedP50Millis", paced.percentileMillis(50));
            metrics.put("pacedP99Millis", pacedP99);
            measured += String.format(
                    Locale.ROOT,
                    "; paced at %,.0f req/s: %,d req/s achieved, p50 %.1f ms, p95 %.1f ms,"
                            + " p99 %.1f ms (latency from when each request was due)",
                    rate,
                    Math.round(paced.perSecond()),
                    paced.percentileMillis(50),
                    paced.percentileMillis(95),
                    pacedP99);
            met = perSecond >= 3_000
                    && paced.perSecond() >= 0.98 * Math.min(rate, 3_000)
                    && rate >= 3_000
                    && pacedP99 <= 20;
        }
        return new Result(name(), measured, target(), Result.verdict(met), metrics);
    }
}
