package io.pitwall.bench.device;

import io.pitwall.bench.BenchDatabase;
import io.pitwall.bench.BenchServer;
import io.pitwall.bench.CpuMeter;
import io.pitwall.bench.Latencies;
import io.pitwall.bench.Result;
import io.pitwall.bench.Scenario;
import io.pitwall.bench.fleet.FleetGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code events}: vehicles report event batches over real HTTP ({@code POST /device/v1/vehicles/{vin}/events}),
 * each vehicle its batches in seq order, many vehicles at once. Afterwards the stored events must equal
 * the sent ones and every vehicle's acknowledgement must cover its last seq.
 */
public final class EventIngestionLoad implements Scenario {

    private static final String[] TYPES = {"DOWNLOAD_PROGRESS", "MODULE_HEALTH", "CONNECTIVITY", "DTC_REPORT"};
    private final int vehicles;
    private final int batches;
    private final int batchSize;
    private final int clients;
    private final long seed;

    public EventIngestionLoad(int vehicles, int batches, int batchSize, int clients, long seed) {
        this.vehicles = vehicles;
        this.batches = batches;
        this.batchSize = batchSize;
        this.clients = clients;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public String target() {
        return "≥ 10,000 events/s in batches of " + batchSize;
    }

    @Override
    public Result run(BenchDatabase database) throws Exception {
        database.reset();
        try (var server = BenchServer.start(database, Map.of())) {
            if (!server.serves("POST", "/device/v1/vehicles/{vin}/events")) {
                return Result.skipped(name(), target(), "this build has no device events endpoint");
            }
            var http = new DeviceHttp(server);
            var fleet = ProvisionedFleet.provision(http, new FleetGenerator(seed, 5), vehicles);
            var load = new ClientLoad(http, clients, seed);
            var meter = CpuMeter.start(database);
            Latencies latencies = load.run(200, client -> owned(client) * batches, (client, k, random) -> {
                int own = owned(client);
                int vehicle = client + (k % own) * clients;
                int batch = k / own;
                return http.vehiclePost("/device/v1/vehicles/" + fleet.vehicles().get(vehicle).vin() + "/events",
                        fleet.tokens().get(vehicle), batch(batch));
            });
            var cpu = meter.stop();
            long sent = (long) vehicles * batches * batchSize;
            long stored = database.count("SELECT COUNT(*) FROM vehicle_event");
            long fullyAcked = database.count("SELECT COUNT(*) FROM event_cursor WHERE acked_through = "
                    + (long) batches * batchSize + " AND max_seq = " + (long) batches * batchSize);
            if (stored != sent || fullyAcked != vehicles) {
                return Result.failed(name(), target(), "sent " + sent + " events of " + vehicles + " vehicles, stored "
                        + stored + ", " + fullyAcked + " vehicles acknowledged through their last seq");
            }
            double perSecond = sent / latencies.wallSeconds();
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("vehicles", vehicles);
            metrics.put("batches", latencies.count());
            metrics.put("batchSize", batchSize);
            metrics.put("clients", clients);
            metrics.put("events", sent);
            metrics.put("storedEvents", stored);
            metrics.put("eventsPerSecond", Math.round(perSecond));
            metrics.put("p50BatchMillis", latencies.percentileMillis(50));
            metrics.put("p99BatchMillis", latencies.percentileMillis(99));
            metrics.put("wallSeconds", latencies.wallSeconds());
            metrics.put("jvmCpuSeconds", cpu.jvmSeconds());
            metrics.put("databaseCpuSeconds", cpu.databaseSeconds());
            String measured = String.format(Locale.ROOT,
                    "%,d events/s, p50 %.1f ms, p99 %.1f ms per batch (%,d events in %,d batches of %d from %,d vehicles,"
                            + " %d clients; all stored and acknowledged; %s)",
                    Math.round(perSecond), latencies.percentileMillis(50), latencies.percentileMillis(99), sent,
                    latencies.count(), batchSize, vehicles, clients, cpu);
            return new Result(name(), measured, target(), Result.verdict(perSecond >= 10_000), metrics);
        }
    }

    private int owned(int client) {
        return (vehicles - client + clients - 1) / clients;
    }

    /** Batch {@code b} of a vehicle: seqs {@code b * size + 1 ... (b + 1) * size}. */
    private byte[] batch(int b) {
        var json = new StringBuilder(batchSize * 110).append("{\"events\":[");
        Instant at = Instant.parse("2024-06-01T00:00:00Z");
        for (int i = 1; i <= batchSize; i++) {
            long seq = (long) b * batchSize + i;
            String type = TYPES[(int) (seq % TYPES.length)];
            json.append(i == 1 ? "" : ",").append("{\"seq\":").append(seq).append(",\"type\":\"").append(type)
                    .append("\",\"occurredAt\":\"").append(at.plusSeconds(seq)).append('"');
            if (type.equals("DOWNLOAD_PROGRESS")) {
                json.append(",\"progress\":").append(seq % 101);
            } else {
                json.append(",\"code\":\"bench-").append(type.toLowerCase(Locale.ROOT)).append('"');
            }
            json.append('}');
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
