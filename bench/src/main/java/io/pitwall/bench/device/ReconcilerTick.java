package io.pitwall.bench.device;

import io.pitwall.bench.BenchDatabase;
import io.pitwall.bench.BenchServer;
import io.pitwall.bench.CpuMeter;
import io.pitwall.bench.Latencies;
import io.pitwall.bench.Result;
import io.pitwall.bench.Scenario;
import io.pitwall.bench.fleet.FleetGenerator;
import io.pitwall.bench.fleet.FleetLoader;
import io.pitwall.client.ManagementClient;
import io.pitwall.server.campaign.rollout.WaveReconciler;
import io.pitwall.simulator.CampaignSignOff;
import java.net.URI;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code reconciler-tick}: {@code campaigns} phased campaigns run at once, each with its pilot wave of
 * {@code assignments / campaigns} vehicles delivered and not yet executed, so every tick judges every
 * campaign's abort criteria and pilot gate (and finds too little evidence). One campaign is created,
 * planned and approved through the API; the others are copies made in SQL, and the assignments are
 * inserted in SQL. Times {@link WaveReconciler#tick} in the server's JVM (the schedule is off).
 */
public final class ReconcilerTick implements Scenario {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int TICKS = 7;
    private final int campaigns;
    private final int assignments;
    private final long seed;

    public ReconcilerTick(int campaigns, int assignments, long seed) {
        this.campaigns = campaigns;
        this.assignments = assignments;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "reconciler-tick";
    }

    @Override
    public String target() {
        return String.format(
                Locale.ROOT,
                "≤ 1 s per reconciler tick over %d running campaigns with %,d open assignments",
                campaigns,
                assignments);
    }

    @Override
    public Result run(BenchDatabase database) throws Exception {
        database.reset();
        try (var server = BenchServer.start(database, Map.of("pitwall.campaign.reconcile-interval", "0"))) {
            if (!server.serves("PUT", "/api/v1/campaigns/{id}/waves")) {
                return Result.skipped(name(), target(), "this build has no wave plans");
            }
            new FleetLoader().load(database.dataSource(), new FleetGenerator(seed, 5), assignments);
            database.execute("""
                    INSERT INTO ecu (serial, vin, ecu_type, hardware_id, hardware_variant, software_version, image_hash,
                        update_policy, is_primary)
                    SELECT vin || '-CMP', vin, 'BMS', '%s', 'rev-A', '1.0.0', NULL, 'REMOTE', FALSE FROM vehicle""".formatted(CampaignStart.HARDWARE_ID));
            var http = new DeviceHttp(server);
            long knownGood = CampaignStart.publishRelease(http, "1.5.0", 15);
            long release = CampaignStart.publishRelease(http, "2.0.0", 20);
            var created = DeviceHttp.require(
                    http.admin(
                            "POST",
                            "/api/v1/campaigns",
                            "application/json",
                            JSON.writeValueAsBytes(Map.of("name", "Bench phased", "releaseId", release))),
                    201);
            long template = JSON.readTree(created.body()).get("id").asLong();
            var admin = ManagementClient.basic(URI.create(server.baseUrl()), "admin", BenchServer.ADMIN_PASSWORD);
            Map<String, Object> gate = Map.of(
                    "minExecuted",
                    100,
                    "maxFailureRate",
                    0.05,
                    "maxFailureRateByCategory",
                    Map.of("INSTALL", 0.02),
                    "minTelemetryCompleteness",
                    0.9);
            admin.planWaves(
                    template,
                    Map.of(
                            "waves",
                            List.of(
                                    Map.of("name", "pilot", "kind", "PERCENT", "selector", "10", "gate", gate),
                                    Map.of("name", "rest", "kind", "REST", "gate", gate)),
                            "abortCriteria",
                            List.of(Map.of("failureType", "ALL", "thresholdPercent", 10.0, "minExecuted", 50))));
            CampaignSignOff.signOff(admin, template, knownGood, "bench-approver");
            copyRunning(database, template);
            var reconciler = server.context().getBean(WaveReconciler.class);
            long[] nanos = new long[TICKS];
            var meter = CpuMeter.start(database);
            for (int t = 0; t < TICKS; t++) {
                long started = System.nanoTime();
                int stepped = reconciler.tick("bench");
                nanos[t] = System.nanoTime() - started;
                if (stepped != 0) {
                    return Result.failed(
                            name(),
                            target(),
                            "tick " + t + " advanced " + stepped
                                    + " campaigns; every pilot should still wait for evidence");
                }
            }
            var cpu = meter.stop();
            long running = database.count("SELECT COUNT(*) FROM campaign WHERE status = 'RUNNING'");
            long open = database.count("SELECT COUNT(*) FROM assignment WHERE status = 'DELIVERED'");
            if (running != campaigns || open != assignments) {
                return Result.failed(name(), target(), running + " running campaigns, " + open + " open assignments");
            }
            Latencies ticks = Latencies.of(java.util.Arrays.copyOfRange(nanos, 1, TICKS), 0);
            double median = ticks.percentileMillis(50);
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("campaigns", campaigns);
            metrics.put("openAssignments", open);
            metrics.put("firstTickMillis", nanos[0] / 1e6);
            metrics.put("medianTickMillis", median);
            metrics.put("maxTickMillis", ticks.percentileMillis(100));
            metrics.put("jvmCpuSeconds", cpu.jvmSeconds());
            metrics.put("databaseCpuSeconds", cpu.databaseSeconds());
            String measured = String.format(
                    Locale.ROOT,
                    "median %.0f ms per tick, first %.0f ms, slowest %.0f ms (%d "
                            + "running campaigns, %,d open assignments, %d ticks; %s)",
                    median,
                    nanos[0] / 1e6,
                    ticks.percentileMillis(100),
                    campaigns,
                    open,
                    TICKS,
                    cpu);
            return new Result(name(), measured, target(), Result.verdict(median <= 1_000), metrics);
        }
    }

    /**
     * Copies the approved template into {@code campaigns - 1} more campaigns, sets them all RUNNING with their
     * pilot wave ACTIVE, and gives each an equal slice of the fleet as delivered pilot assignments.
     */
    private void copyRunning(BenchDatabase database, long template) throws SQLException {
        for (int c = 1; c < campaigns; c++) {
            database.execute("""
                    INSERT INTO campaign (name, release_id, status, filter_json, created_by, created_at, version,
                        submitted_by, submitted_at, risk_class, approval_round, emergency_hold)
                    SELECT name || ' %1$d', release_id, status, filter_json, created_by, created_at, 0, submitted_by,
                        submitted_at, risk_class, approval_round, emergency_hold FROM campaign WHERE id = %2$d""".formatted(c, template));
        }
        database.execute(
                "UPDATE campaign SET status = 'RUNNING', started_at = now(), abort_json = (SELECT abort_json FROM campaign "
                        + "WHERE id = " + template + ")",
                "INSERT INTO campaign_image SELECT c.id, ci.hardware_id, ci.image_id, ci.ecu_type, ci.target_path, "
                        + "ci.sw_version, ci.release_counter, ci.length, ci.sha256, ci.sha512, ci.install_type, "
                        + "ci.signed_target FROM campaign c, campaign_image ci WHERE ci.campaign_id = " + template
                        + " AND c.id <> " + template,
                "INSERT INTO campaign_wave (campaign_id, wave_no, name, selector_kind, selector, soak_minutes, gate_json, "
                        + "needs_approval, status, assigned, version) SELECT c.id, w.wave_no, w.name, w.selector_kind, "
                        + "w.selector, w.soak_minutes, w.gate_json, w.needs_approval, w.status, 0, 0 FROM campaign c, "
                        + "campaign_wave w WHERE w.campaign_id = " + template + " AND c.id <> " + template,
                "UPDATE campaign_wave SET status = 'ACTIVE', activated_at = now(), assigned = "
                        + assignments / campaigns + " WHERE wave_no = 0",
                """
                INSERT INTO assignment (campaign_id, vin, status, version, created_at, updated_at, wave_no)
                SELECT c.id, v.vin, 'DELIVERED', 0, now(), now(), 0
                FROM (SELECT vin, ROW_NUMBER() OVER (ORDER BY vin) - 1 AS n FROM vehicle) v
                JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM campaign) c
                    ON v.n / %d = c.k""".formatted(assignments / campaigns),
                """
                INSERT INTO assignment_ecu (assignment_id, ecu_serial, hardware_id, status)
                SELECT a.id, a.vin || '-CMP', '%s', 'DELIVERED' FROM assignment a""".formatted(CampaignStart.HARDWARE_ID),
                "VACUUM ANALYZE");
    }
}
