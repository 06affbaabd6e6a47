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
 * the sent ones and every vehicle's acknowledgement must cover its last seq. {@code dtc-ingestion} (issue 6) is
 * the same load with every event a DTC_REPORT of one fault, a third each as UDS 0x19 0x02 bytes, J2012 text
 * and OEM JSON, so each is decoded, stored as a {@code dtc_report} with its {@code fault_observation} and
 * added to the patterns rollup in the ingesting transaction; afterwards every report must be stored decoded and
 * the rollup (folded counts plus rows not yet folded, and the per-vehicle days) must count every fault.
 */
public final class EventIngestionLoad implements Scenario {

    private static final String[] TYPES = {"DOWNLOAD_PROGRESS", "MODULE_HEALTH", "CONNECTIVITY", "DTC_REPORT"};
    private final int vehicles;
    private final int batches;
    private final int batchSize;
    private final int clients;
    private static final String[] DTCS = {"P0A80-1B", "U0100-87", "B1A01-13", "C1A00-29", "P0AFA-16", "U0001-88"};
    private final long seed;
    private final boolean dtcReports;

    public EventIngestionLoad(int vehicles, int batches, int batchSize, int clients, long seed) {
        this(vehicles, batches, batchSize, clients, seed, false);
    }

    /** @param dtcReports every event a DTC report ({@code dtc-ingestion}) instead of the mix of types */
    public EventIngestionLoad(int vehicles, int batches, int batchSize, int clients, long seed, boolean dtcReports) {
        this.dtcReports = dtcReports;
        this.vehicles = vehicles;
        this.batches = batches;
        this.batchSize = batchSize;
        this.clients = clients;
        this.seed = seed;
    }

    @Override
    public String name() {
        return dtcReports ? "dtc-ingestion" : "events";
    }

    @Override
    public String target() {
        return "≥ 10,000 " + (dtcReports ? "DTC reports" : "events") + "/s in batches of " + batchSize;
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
            // A batch's body depends only on its number, so the load tool builds each once, not per vehicle.
            byte[][] bodies = new byte[batches][];
            for (int b = 0; b < batches; b++) {
                bodies[b] = batch(b);
            }
            var meter = CpuMeter.start(database);
            Latencies latencies = load.run(200, client -> owned(client) * batches, (client, k, random) -> {
                int own = owned(client);
                int vehicle = client + (k % own) * clients;
                int batch = k / own;
                return http.vehiclePost(
                        "/device/v1/vehicles/" + fleet.vehicles().get(vehicle).vin() + "/events",
                        fleet.tokens().get(vehicle),
                        bodies[batch]);
            });
            var cpu = meter.stop();
            long sent = (long) vehicles * batches * batchSize;
            long stored = database.count("SELECT COUNT(*) FROM vehicle_event");
            long fullyAcked = database.count("SELECT COUNT(*) FROM event_cursor WHERE acked_through = "
                    + (long) batches * batchSize + " AND max_seq = " + (long) batches * batchSize);
            long decoded = dtcReports ? database.count("SELECT COUNT(*) FROM dtc_report WHERE decoded = TRUE") : sent;
            long faults = dtcReports ? database.count("SELECT COUNT(*) FROM fault_observation") : sent;
            if (decoded != sent || faults != sent) {
                return Result.failed(
                        name(),
                        target(),
                        "sent " + sent + " DTC reports of one fault each, stored " + decoded + " decoded reports and "
                                + faults + " faults");
            }
            long pending = dtcReports ? database.count("SELECT COUNT(*) FROM fault_pattern_delta") : 0;
            long ranked = dtcReports
                    ? database.count("SELECT COALESCE(SUM(observations), 0) FROM fault_pattern_count")
                            + database.count("SELECT COALESCE(SUM(observations), 0) FROM fault_pattern_delta")
                    : sent;
            long perVehicle =
                    dtcReports ? database.count("SELECT COALESCE(SUM(observations), 0) FROM fault_pattern_day") : sent;
            if (ranked != sent || perVehicle != sent) {
                return Result.failed(
                        name(),
                        target(),
                        "sent " + sent + " faults; the patterns rollup counts " + ranked + " (fleet) and " + perVehicle
                                + " (per vehicle)");
            }
            if (stored != sent || fullyAcked != vehicles) {
                return Result.failed(
                        name(),
                        target(),
                        "sent " + sent + " events of " + vehicles + " vehicles, stored " + stored + ", " + fullyAcked
                                + " vehicles acknowledged through their last seq");
            }
            double perSecond = sent / latencies.wallSeconds();
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("vehicles", vehicles);
            metrics.put("batches", latencies.count());
            metrics.put("batchSize", batchSize);
            metrics.put("clients", clients);
            metrics.put("events", sent);
            metrics.put("storedEvents", stored);
            if (dtcReports) {
                metrics.put("patternRowsNotYetFolded", pending);
            }
            metrics.put("eventsPerSecond", Math.round(perSecond));
            metrics.put("p50BatchMillis", latencies.percentileMillis(50));
            metrics.put("p99BatchMillis", latencies.percentileMillis(99));
            metrics.put("wallSeconds", latencies.wallSeconds());
            metrics.put("jvmCpuSeconds", cpu.jvmSeconds());
            metrics.put("databaseCpuSeconds", cpu.databaseSeconds());
            String measured = String.format(
                    Locale.ROOT,
                    "%,d events/s, p50 %.1f ms, p99 %.1f ms per batch (%,d events in %,d batches of %d from %,d vehicles,"
                            + " %d clients; all stored and acknowledged; %s)",
                    Math.round(perSecond),
                    latencies.percentileMillis(50),
                    latencies.percentileMillis(99),
                    sent,
                    latencies.count(),
                    batchSize,
                    vehicles,
                    clients,
                    cpu);
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
            String type = dtcReports ? "DTC_REPORT" : TYPES[(int) (seq % TYPES.length)];
            json.append(i == 1 ? "" : ",")
                    .append("{\"seq\":")
                    .append(seq)
                    .append(",\"type\":\"")
                    .append(type)
                    .append("\",\"occurredAt\":\"")
                    .append(at.plusSeconds(seq))
                    .append('"');
            if (dtcReports) {
                dtc(json, seq);
            } else if (type.equals("DOWNLOAD_PROGRESS")) {
                json.append(",\"progress\":").append(seq % 101);
            } else {
                json.append(",\"code\":\"bench-")
                        .append(type.toLowerCase(Locale.ROOT))
                        .append('"');
            }
            json.append('}');
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One fault as the seq's format (UDS bytes, J2012 text or OEM JSON), on the vehicle's first ECU serial. */
    private static void dtc(StringBuilder json, long seq) {
        String code = DTCS[(int) (seq / 3 % DTCS.length)];
        switch ((int) (seq % 3)) {
            case 0 -> {
                var dtc = io.pitwall.protocol.dtc.Dtc.parse(code);
                json.append(",\"detail\":\"uds:59 02 FF ")
                        .append(String.format(
                                "%02X %02X %02X 2F\"", dtc.code() >>> 8, dtc.code() & 0xFF, dtc.failureType()));
            }
            case 1 -> json.append(",\"code\":\"").append(code).append('"');
            default ->
                json.append(",\"detail\":\"{\\\"dtcs\\\":[{\\\"code\\\":\\\"")
                        .append(code)
                        .append("\\\",\\\"status\\\":\\\"0x2F\\\"}]}\"");
        }
    }
}
