package io.pitwall.bench.diagnostics;

import io.pitwall.bench.BenchDatabase;
import io.pitwall.bench.BenchServer;
import io.pitwall.bench.CpuMeter;
import io.pitwall.bench.Result;
import io.pitwall.bench.Scenario;
import io.pitwall.bench.device.DeviceHttp;
import io.pitwall.bench.fleet.FleetGenerator;
import io.pitwall.bench.fleet.FleetLoader;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code fault-patterns}: boots the server, loads the fleet and {@code faults} fault records (decoded DTC reports
 * of 5 faults each over 90 days) with set-based SQL, builds the patterns rollup from them, checks that it holds every
 * observation, then times {@code GET /api/v1/faults/patterns} over the whole period (top 20, daily trend) over
 * real HTTP: 2 warm-up calls, then {@code runs} timed ones; the median counts, the weekly variant is reported.
 */
public final class FaultPatterns implements Scenario {

    static final int DAYS = 90;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final int vehicles;
    private final long faults;
    private final int runs;
    private final long seed;

    public FaultPatterns(int vehicles, long faults, int runs, long seed) {
        this.vehicles = vehicles;
        this.faults = faults;
        this.runs = runs;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "fault-patterns";
    }

    @Override
    public String target() {
        return "≤ 2 s over " + String.format(Locale.ROOT, "%,d", faults) + " fault records";
    }

    @Override
    public Result run(BenchDatabase database) throws Exception {
        database.reset();
        try (var server = BenchServer.start(database, Map.of())) {
            if (!server.serves("GET", "/api/v1/faults/patterns")) {
                return Result.skipped(name(), target(), "this build has no recurring-patterns endpoint");
            }
            long loadStarted = System.nanoTime();
            new FleetLoader().load(database.dataSource(), new FleetGenerator(seed, 5), vehicles);
            FaultLoader.load(database.dataSource(), vehicles, faults, 5, DAYS, seed);
            double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
            long stored = database.count("SELECT COUNT(*) FROM fault_observation");
            long rolled = database.count("SELECT COALESCE(SUM(observations), 0) FROM fault_pattern_count");
            long rolledPerVehicle = database.count("SELECT COALESCE(SUM(observations), 0) FROM fault_pattern_day");
            if (stored != faults || rolled != faults || rolledPerVehicle != faults) {
                return Result.failed(
                        name(),
                        target(),
                        "expected " + faults + " fault records in the tables and both rollups, found " + stored + ", "
                                + rolled + ", " + rolledPerVehicle);
            }
            LocalDate from = LocalDate.ofInstant(FaultLoader.START, ZoneOffset.UTC);
            String daily = "/api/v1/faults/patterns?since=" + from + "&until=" + from.plusDays(DAYS - 1) + "&top=20";
            var http = new DeviceHttp(server);
            var first = JSON.readTree(DeviceHttp.require(http.admin("GET", daily, "application/json", null), 200)
                    .body());
            long topObservations =
                    first.get("patterns").get(0).get("observations").asLong();
            http.admin("GET", daily, "application/json", null);
            var meter = CpuMeter.start(database);
            double[] seconds = time(http, daily, runs);
            var cpu = meter.stop();
            double[] weekly = time(http, daily + "&bucket=week", runs);
            double median = median(seconds);
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("faultRecords", faults);
            metrics.put("dtcReports", database.count("SELECT COUNT(*) FROM dtc_report"));
            metrics.put("vehicles", vehicles);
            metrics.put("rollupRows", database.count("SELECT COUNT(*) FROM fault_pattern_day"));
            metrics.put("rollupCountRows", database.count("SELECT COUNT(*) FROM fault_pattern_count"));
            metrics.put("topPatternObservations", topObservations);
            metrics.put("dailySeconds", Arrays.toString(seconds));
            metrics.put("medianSeconds", median);
            metrics.put("weeklyMedianSeconds", median(weekly));
            metrics.put("loadSeconds", loadSeconds);
            metrics.put("jvmCpuSeconds", cpu.jvmSeconds());
            metrics.put("databaseCpuSeconds", cpu.databaseSeconds());
            String measured = String.format(
                    Locale.ROOT,
                    "median %.3f s (weekly %.3f s) top 20 of %d days over %,d fault records, %,d vehicles "
                            + "(%d runs; %s for the daily runs)",
                    median,
                    median(weekly),
                    DAYS,
                    faults,
                    vehicles,
                    runs,
                    cpu);
            return new Result(name(), measured, target(), Result.verdict(median <= 2), metrics);
        }
    }

    private static double[] time(DeviceHttp http, String path, int runs) throws Exception {
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            DeviceHttp.require(http.admin("GET", path, "application/json", null), 200);
            seconds[i] = (System.nanoTime() - started) / 1e9;
        }
        return seconds;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
