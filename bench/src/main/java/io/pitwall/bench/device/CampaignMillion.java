package io.pitwall.bench.device;

import io.pitwall.bench.BenchDatabase;
import io.pitwall.bench.BenchServer;
import io.pitwall.bench.CpuMeter;
import io.pitwall.bench.Result;
import io.pitwall.bench.Scenario;
import io.pitwall.bench.fleet.FleetGenerator;
import io.pitwall.bench.fleet.FleetLoader;
import io.pitwall.client.ManagementClient;
import io.pitwall.simulator.CampaignSignOff;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code campaign-million}: the fleet is loaded with COPY (as {@code campaign-start}: 5 ECUs per vehicle plus
 * one remotely updatable ECU of the targeted hardware id), every vehicle has reported with owner consent and
 * 1 % carry the tag {@code pilot}; a campaign over the whole fleet gets a 5-wave plan (pilot by tag, an EU
 * cohort by filter, 10 % and 50 % of the remainder, the rest) and is approved. Timed from the dry-run request
 * ({@code GET /api/v1/campaigns/{id}/dry-run}, which sizes the waves) through {@code POST …/start} (which
 * assigns the first wave) until every first-wave assignment exists. The first wave's assignments must
 * equal the dry run's size of it.
 */
public final class CampaignMillion implements Scenario {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final int vehicles;
    private final long seed;

    public CampaignMillion(int vehicles, long seed) {
        this.vehicles = vehicles;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "campaign-million";
    }

    @Override
    public String target() {
        return "≤ 60 s for dry run plus start of a " + String.format(Locale.ROOT, "%,d", vehicles)
                + "-vehicle campaign with 5 waves";
    }

    @Override
    public Result run(BenchDatabase database) throws Exception {
        database.reset();
        try (var server = BenchServer.start(
                database,
                Map.of("pitwall.campaign.reconcile-interval", "0", "pitwall.campaign.release-note-interval", "0"))) {
            if (!server.serves("GET", "/api/v1/campaigns/{id}/release-notes")) {
                return Result.skipped(name(), target(), "this build does not size wave plans in the dry run");
            }
            long loadStarted = System.nanoTime();
            new FleetLoader().load(database.dataSource(), new FleetGenerator(seed, 5), vehicles);
            database.execute("""
                    INSERT INTO ecu (serial, vin, ecu_type, hardware_id, hardware_variant, software_version, image_hash,
                        update_policy, is_primary)
                    SELECT vin || '-CMP', vin, 'BMS', '%s', 'rev-A', '1.0.0', NULL, 'REMOTE', FALSE FROM vehicle""".formatted(CampaignStart.HARDWARE_ID), """
                    INSERT INTO vehicle_report (vin, signals_json, connectivity, consent, state_hash, reported_at,
                        last_seen_at) SELECT vin, '{}', 'WIFI', TRUE, repeat('0', 64), now(), now() FROM vehicle""", """
                    INSERT INTO vehicle_tag (vin, tag) SELECT vin, 'pilot' FROM (SELECT vin, ROW_NUMBER() OVER
                        (ORDER BY vin) AS n FROM vehicle) v WHERE n % 100 = 0""", "VACUUM ANALYZE");
            double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
            var http = new DeviceHttp(server);
            long knownGoodId = CampaignStart.publishRelease(http, "1.5.0", 15);
            long releaseId = CampaignStart.publishRelease(http, "2.0.0", 20);
            var created = DeviceHttp.require(
                    http.admin(
                            "POST",
                            "/api/v1/campaigns",
                            "application/json",
                            JSON.writeValueAsBytes(Map.of("name", "Bench million", "releaseId", releaseId))),
                    201);
            long campaignId = JSON.readTree(created.body()).get("id").asLong();
            var admin = ManagementClient.basic(URI.create(server.baseUrl()), "admin", BenchServer.ADMIN_PASSWORD);
            Map<String, Object> gate = Map.of("minExecuted", 100, "maxFailureRate", 0.05);
            admin.planWaves(
                    campaignId,
                    Map.of(
                            "waves",
                            List.of(
                                    Map.of("name", "pilot", "kind", "TAG", "selector", "pilot", "gate", gate),
                                    Map.of(
                                            "name",
                                            "EU cohort",
                                            "kind",
                                            "FILTER",
                                            "selector",
                                            "region==EU",
                                            "gate",
                                            gate),
                                    Map.of("name", "ten percent", "kind", "PERCENT", "selector", "10", "gate", gate),
                                    Map.of("name", "half", "kind", "PERCENT", "selector", "50", "gate", gate),
                                    Map.of("name", "rest", "kind", "REST", "gate", gate))));
            CampaignSignOff.signOff(admin, campaignId, knownGoodId, "bench-approver");

            var meter = CpuMeter.start(database);
            long started = System.nanoTime();
            var dryRun = DeviceHttp.require(
                    http.admin("GET", "/api/v1/campaigns/" + campaignId + "/dry-run", "application/json", null), 200);
            double dryRunSeconds = (System.nanoTime() - started) / 1e9;
            DeviceHttp.require(
                    http.admin("POST", "/api/v1/campaigns/" + campaignId + "/start", "application/json", null), 200);
            double seconds = (System.nanoTime() - started) / 1e9;
            var cpu = meter.stop();

            JsonNode plan = JSON.readTree(dryRun.body());
            List<Long> sizes = new ArrayList<>();
            plan.get("waves").forEach(w -> sizes.add(w.get("size").asLong()));
            long eligible = plan.get("eligible").asLong();
            // Counted on the server's pool: on a shared PostgreSQL a fresh connection may find no free slot.
            var jdbc = server.context().getBean(JdbcClient.class);
            long firstWave = jdbc.sql("SELECT COUNT(*) FROM assignment WHERE campaign_id = ? AND wave_no = 0")
                    .params(campaignId)
                    .query(Long.class)
                    .single();
            long assigned = jdbc.sql("SELECT COUNT(*) FROM assignment WHERE campaign_id = ?")
                    .params(campaignId)
                    .query(Long.class)
                    .single();
            if (sizes.size() != 5
                    || eligible != vehicles
                    || sizes.stream().mapToLong(Long::longValue).sum() != eligible
                    || firstWave != sizes.get(0)
                    || assigned != firstWave) {
                return Result.failed(
                        name(),
                        target(),
                        "dry run " + dryRun.body() + "; first wave assigned " + firstWave + " of " + assigned
                                + " assignments");
            }
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("vehicles", vehicles);
            metrics.put("eligible", eligible);
            metrics.put("waveSizes", sizes);
            metrics.put("firstWaveAssignments", firstWave);
            metrics.put("dryRunSeconds", dryRunSeconds);
            metrics.put("startSeconds", seconds - dryRunSeconds);
            metrics.put("totalSeconds", seconds);
            metrics.put("loadSeconds", loadSeconds);
            metrics.put("jvmCpuSeconds", cpu.jvmSeconds());
            metrics.put("databaseCpuSeconds", cpu.databaseSeconds());
            String measured = String.format(
                    Locale.ROOT,
                    "%.1f s: dry run %.1f s (%,d eligible; waves %s) + start %.1f s (%,d first-wave assignments); %s",
                    seconds,
                    dryRunSeconds,
                    eligible,
                    sizes,
                    seconds - dryRunSeconds,
                    firstWave,
                    cpu);
            return new Result(name(), measured, target(), Result.verdict(seconds <= 60), metrics);
        }
    }
}
