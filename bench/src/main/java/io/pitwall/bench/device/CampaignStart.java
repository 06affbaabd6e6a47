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
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code campaign-start}: the fleet is loaded with COPY (5 ECUs per vehicle) plus one remotely updatable
 * ECU of the targeted hardware id per vehicle, a release for that hardware id is uploaded and published
 * through the API, a campaign over the whole fleet is created, and {@code POST /api/v1/campaigns/{id}/start}
 * is timed until it answers: every assignment and assignment ECU is created inside it.
 */
public final class CampaignStart implements Scenario {

    static final String HARDWARE_ID = "CMP-BENCH-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final int vehicles;
    private final long seed;

    public CampaignStart(int vehicles, long seed) {
        this.vehicles = vehicles;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "campaign-start";
    }

    @Override
    public String target() {
        return "≤ 15 s until every assignment of " + String.format(Locale.ROOT, "%,d", vehicles) + " vehicles exists";
    }

    @Override
    public Result run(BenchDatabase database) throws Exception {
        database.reset();
        try (var server = BenchServer.start(database, Map.of())) {
            if (!server.serves("POST", "/api/v1/campaigns/{id}/start")) {
                return Result.skipped(name(), target(), "this build has no campaign start endpoint");
            }
            long loadStarted = System.nanoTime();
            new FleetLoader().load(database.dataSource(), new FleetGenerator(seed, 5), vehicles);
            database.execute("""
                    INSERT INTO ecu (serial, vin, ecu_type, hardware_id, hardware_variant, software_version, image_hash,
                        update_policy, is_primary)
                    SELECT vin || '-CMP', vin, 'BMS', '%s', 'rev-A', '1.0.0', NULL, 'REMOTE', FALSE FROM vehicle""".formatted(HARDWARE_ID), "VACUUM ANALYZE ecu");
            double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
            var http = new DeviceHttp(server);
            long knownGoodId = publishRelease(http, "1.5.0", 15);
            long releaseId = publishRelease(http, "2.0.0", 20);
            var created = DeviceHttp.require(
                    http.admin(
                            "POST",
                            "/api/v1/campaigns",
                            "application/json",
                            JSON.writeValueAsBytes(Map.of("name", "Bench campaign", "releaseId", releaseId))),
                    201);
            long campaignId = JSON.readTree(created.body()).get("id").asLong();
            CampaignSignOff.signOff(
                    ManagementClient.basic(URI.create(server.baseUrl()), "admin", BenchServer.ADMIN_PASSWORD),
                    campaignId,
                    knownGoodId,
                    "bench-approver");
            var meter = CpuMeter.start(database);
            long started = System.nanoTime();
            var answer = DeviceHttp.require(
                    http.admin("POST", "/api/v1/campaigns/" + campaignId + "/start", "application/json", null), 200);
            double seconds = (System.nanoTime() - started) / 1e9;
            var cpu = meter.stop();
            long assignments = database.count("SELECT COUNT(*) FROM assignment WHERE campaign_id = " + campaignId);
            long ecus = database.count("SELECT COUNT(*) FROM assignment_ecu ae JOIN assignment a ON a.id = "
                    + "ae.assignment_id WHERE a.campaign_id = " + campaignId);
            long reported = JSON.readTree(answer.body()).get("assignments").asLong();
            if (assignments != vehicles || ecus != vehicles || reported != vehicles) {
                return Result.failed(
                        name(),
                        target(),
                        "expected " + vehicles + " assignments with one ECU each, found " + assignments
                                + " assignments, " + ecus + " assignment ECUs (answer: " + reported + ")");
            }
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("vehicles", vehicles);
            metrics.put("ecus", (long) vehicles * 6);
            metrics.put("assignments", assignments);
            metrics.put("assignmentEcus", ecus);
            metrics.put("startSeconds", seconds);
            metrics.put("loadSeconds", loadSeconds);
            metrics.put("jvmCpuSeconds", cpu.jvmSeconds());
            metrics.put("databaseCpuSeconds", cpu.databaseSeconds());
            String measured = String.format(
                    Locale.ROOT,
                    "%.2f s for %,d assignments + %,d assignment ECUs (%,d vehicles, %,d ECUs in the inventory; %s)",
                    seconds,
                    assignments,
                    ecus,
                    vehicles,
                    (long) vehicles * 6,
                    cpu);
            return new Result(name(), measured, target(), Result.verdict(seconds <= 15), metrics);
        }
    }

    /** Uploads an image for the targeted hardware id, releases and publishes it; returns the release id. */
    static long publishRelease(DeviceHttp http, String version, long counter) throws Exception {
        var image = DeviceHttp.require(
                http.admin(
                        "POST",
                        "/api/v1/images",
                        "application/json",
                        JSON.writeValueAsBytes(Map.of(
                                "hardwareId",
                                HARDWARE_ID,
                                "name",
                                "Bench firmware",
                                "version",
                                version,
                                "releaseCounter",
                                counter,
                                "fileName",
                                "bench-" + version + ".bin",
                                "installType",
                                "AB",
                                "riskClass",
                                "LOW",
                                "ecuType",
                                "BMS"))),
                201);
        long imageId = JSON.readTree(image.body()).get("id").asLong();
        byte[] content = ("bench firmware " + version + " ").repeat(3_000).getBytes(StandardCharsets.UTF_8);
        DeviceHttp.require(
                http.admin("PUT", "/api/v1/images/" + imageId + "/content", "application/octet-stream", content), 200);
        var release = DeviceHttp.require(
                http.admin(
                        "POST",
                        "/api/v1/releases",
                        "application/json",
                        JSON.writeValueAsBytes(Map.of(
                                "name",
                                "Bench release",
                                "version",
                                version,
                                "notes",
                                "bench",
                                "imageIds",
                                List.of(imageId)))),
                201);
        long releaseId = JSON.readTree(release.body()).get("id").asLong();
        DeviceHttp.require(
                http.admin("POST", "/api/v1/releases/" + releaseId + "/publish", "application/json", null), 200);
        return releaseId;
    }
}
