package io.pitwall.bench.device;

import io.pitwall.bench.BenchDatabase;
import io.pitwall.bench.BenchServer;
import io.pitwall.bench.CpuMeter;
import io.pitwall.bench.Result;
import io.pitwall.bench.Scenario;
import io.pitwall.bench.fleet.FleetGenerator;
import io.pitwall.bench.fleet.FleetLoader;
import io.pitwall.client.ManagementClient;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.RoleMetadata;
import io.pitwall.protocol.tuf.Root;
import io.pitwall.simulator.CampaignSignOff;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code director-regen}: the {@code campaign-start} fleet, then two assignment changes, each timed from the
 * answer of the request that committed it until every vehicle's director targets, snapshot and timestamp
 * are signed and stored with the new content (polled in the database every 250 ms; no pending change left):
 * the start (every vehicle's first version) and the cancel (every vehicle's next version, empty targets).
 * The periodic sweep is off, so only the regeneration the change triggers runs. A sample vehicle's files are
 * then verified against the director root with the protocol's Ed25519 over canonical JSON.
 */
public final class DirectorRegen implements Scenario {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final double TARGET_SECONDS = 30;
    private final int vehicles;
    private final long seed;

    public DirectorRegen(int vehicles, long seed) {
        this.vehicles = vehicles;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "director-regen";
    }

    @Override
    public String target() {
        return "≤ 30 s to regenerate the director targets+snapshot+timestamp of "
                + String.format(Locale.ROOT, "%,d", vehicles) + " vehicles after an assignment change";
    }

    @Override
    public Result run(BenchDatabase database) throws Exception {
        database.reset();
        try (var server = BenchServer.start(database, Map.of("pitwall.trust.director.sweep-interval", "0"))) {
            if (!server.serves("GET", "/device/v1/vehicles/{vin}/director/{name}")) {
                return Result.skipped(name(), target(), "this build has no director repository");
            }
            new FleetLoader().load(database.dataSource(), new FleetGenerator(seed, 5), vehicles);
            database.execute("""
                    INSERT INTO ecu (serial, vin, ecu_type, hardware_id, hardware_variant, software_version, image_hash,
                        update_policy, is_primary)
                    SELECT vin || '-CMP', vin, 'BMS', '%s', 'rev-A', '1.0.0', NULL, 'REMOTE', FALSE FROM vehicle""".formatted(CampaignStart.HARDWARE_ID), "VACUUM ANALYZE ecu");
            var http = new DeviceHttp(server);
            long knownGoodId = CampaignStart.publishRelease(http, "1.5.0", 15);
            long releaseId = CampaignStart.publishRelease(http, "2.0.0", 20);
            var created = DeviceHttp.require(
                    http.admin(
                            "POST",
                            "/api/v1/campaigns",
                            "application/json",
                            JSON.writeValueAsBytes(Map.of("name", "Director bench", "releaseId", releaseId))),
                    201);
            long campaignId = JSON.readTree(created.body()).get("id").asLong();
            CampaignSignOff.signOff(
                    ManagementClient.basic(URI.create(server.baseUrl()), "admin", BenchServer.ADMIN_PASSWORD),
                    campaignId,
                    knownGoodId,
                    "bench-approver");

            var startMeter = CpuMeter.start(database);
            DeviceHttp.require(
                    http.admin("POST", "/api/v1/campaigns/" + campaignId + "/start", "application/json", null), 200);
            double startSeconds = awaitVersion(database, 1);
            var startCpu = startMeter.stop();
            String sampleVin = firstVin(database);
            String assigned = check(database, sampleVin, 1, true);

            var cancelMeter = CpuMeter.start(database);
            DeviceHttp.require(
                    http.admin("POST", "/api/v1/campaigns/" + campaignId + "/cancel", "application/json", null), 200);
            double cancelSeconds = awaitVersion(database, 2);
            var cancelCpu = cancelMeter.stop();
            String cancelled = check(database, sampleVin, 2, false);
            if (assigned != null || cancelled != null) {
                return Result.failed(name(), target(), assigned != null ? assigned : cancelled);
            }
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("vehicles", vehicles);
            metrics.put("signaturesPerChange", (long) vehicles * 3);
            metrics.put("afterStartSeconds", startSeconds);
            metrics.put("afterCancelSeconds", cancelSeconds);
            metrics.put("afterStartJvmCpuSeconds", startCpu.jvmSeconds());
            metrics.put("afterStartDatabaseCpuSeconds", startCpu.databaseSeconds());
            metrics.put("afterCancelJvmCpuSeconds", cancelCpu.jvmSeconds());
            metrics.put("afterCancelDatabaseCpuSeconds", cancelCpu.databaseSeconds());
            String measured = String.format(
                    Locale.ROOT,
                    "%.1f s after the start (first versions; %s), %.1f s after "
                            + "the cancel (next versions, empty targets; %s), %,d vehicles, 3 signatures each",
                    startSeconds,
                    startCpu,
                    cancelSeconds,
                    cancelCpu,
                    vehicles);
            return new Result(
                    name(),
                    measured,
                    target(),
                    Result.verdict(Math.max(startSeconds, cancelSeconds) <= TARGET_SECONDS),
                    metrics);
        }
    }

    /** Seconds until no change is pending and every vehicle's metadata has this version. */
    private double awaitVersion(BenchDatabase database, long version) throws Exception {
        long started = System.nanoTime();
        while (true) {
            // The change row goes only after its last page, so the costly count (a scan of every vehicle's
            // files, which competed with the regeneration it measures) runs only once none is pending.
            long pending = database.count("SELECT COUNT(*) FROM director_change");
            long done = pending > 0
                    ? -1
                    : database.count("SELECT COUNT(*) FROM director_vehicle WHERE meta_version = " + version);
            if (pending == 0 && done == vehicles) {
                return (System.nanoTime() - started) / 1e9;
            }
            if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(10)) {
                throw new IllegalStateException("director regeneration did not finish in 10 minutes: " + done + " of "
                        + vehicles + " at version " + version + ", " + pending + " changes pending");
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    private static String firstVin(BenchDatabase database) throws Exception {
        try (var c = database.connect();
                var s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT vin FROM director_vehicle ORDER BY vin FETCH FIRST 1 ROWS ONLY")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Null when the sample vehicle's three files verify and list what they should; else what is wrong. */
    private static String check(BenchDatabase database, String vin, long version, boolean listsImage) throws Exception {
        try (var c = database.connect();
                var s = c.prepareStatement(
                        "SELECT targets_body, snapshot_body, timestamp_body, "
                                + "(SELECT body FROM director_root WHERE meta_version = 1) FROM director_vehicle WHERE vin = ?")) {
            s.setString(1, vin);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return "no director metadata for " + vin;
                }
                Root root = Root.fromSigned(JSON.readTree(rs.getString(4)).get("signed"));
                byte[] targetsBytes = rs.getString(1).getBytes(StandardCharsets.UTF_8);
                Envelope targets = Envelope.fromJson(JSON.readTree(targetsBytes));
                Envelope snapshot = Envelope.fromJson(JSON.readTree(rs.getString(2)));
                Envelope timestamp = Envelope.fromJson(JSON.readTree(rs.getString(3)));
                JsonNode signed = targets.signed();
                boolean ok = root.signedBy(targets, "targets")
                        && root.signedBy(snapshot, "snapshot")
                        && root.signedBy(timestamp, "timestamp")
                        && signed.get("version").asLong() == version
                        && vin.equals(signed.get("custom").get("vin").asString())
                        && (signed.get("targets").size() == 1) == listsImage
                        && RoleMetadata.digest("sha256", targetsBytes)
                                .equals(snapshot.signed()
                                        .get("meta")
                                        .get("targets.json")
                                        .get("hashes")
                                        .get("sha256")
                                        .asString());
                return ok ? null : "the director metadata of " + vin + " does not verify: " + signed;
            }
        }
    }
}
