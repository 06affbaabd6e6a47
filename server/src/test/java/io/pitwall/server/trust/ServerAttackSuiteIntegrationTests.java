package io.pitwall.server.trust;

import static io.pitwall.server.trust.RepositoryFixtures.bytes;
import static io.pitwall.server.trust.RepositoryFixtures.envelope;
import static io.pitwall.server.trust.RepositoryFixtures.latestRoot;
import static io.pitwall.server.trust.RepositoryFixtures.publishImage;
import static io.pitwall.server.trust.RepositoryFixtures.verifiedTargets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.protocol.tuf.Ed25519;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.RoleMetadata;
import io.pitwall.protocol.tuf.Root;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.CampaignSteps;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import io.pitwall.server.trust.internal.RepositoryTestAccess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server's half of the Uptane/TUF attack table (../shared/reference/uptane-tuf.md, section 2), one test
 * per row (6b: another vehicle's director metadata), against the running server over HTTP. The agent's half is
 * {@code UptaneAttackTests}. Rows 12 (eavesdrop: no image encryption yet) and 16 (forged or replayed ECU reports:
 * ECU-signed manifests are being built separately) have no server test here. This class runs in an application context of its own,
 * because several rows change the image repository's root and put it back.
 */
@TestPropertySource(properties = "pitwall.test.context=server-attack-suite")
class ServerAttackSuiteIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Token clients per server port (one context each): a token costs a SHA-256, Basic a bcrypt per request. */
    private static final Map<Integer, Map<Role, ApiClient>> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    abstract static class Contract extends IntegrationTest {

        @Autowired
        ApplicationContext context;

        TestFleet fleet;
        ApiClient officer;
        ApiClient manager;
        String hardwareId;
        String model;

        @BeforeEach
        void setUp() {
            Map<Role, ApiClient> tokens = TOKENS.computeIfAbsent(
                    port,
                    p -> Map.of(
                            Role.ADMIN,
                            token(admin, Role.ADMIN),
                            Role.SECURITY_OFFICER,
                            token(operatorWith(Role.SECURITY_OFFICER), Role.SECURITY_OFFICER),
                            Role.RELEASE_MANAGER,
                            token(operatorWith(Role.RELEASE_MANAGER), Role.RELEASE_MANAGER)));
            admin = tokens.get(Role.ADMIN);
            officer = tokens.get(Role.SECURITY_OFFICER);
            manager = tokens.get(Role.RELEASE_MANAGER);
            fleet = new TestFleet(jdbc, admin);
            hardwareId = "ATK-" + HARDWARE.incrementAndGet() + "-" + getClass().getSimpleName();
            model = "Model-" + hardwareId;
        }

        @Test
        @DisplayName("1 arbitrary software: targets not signed by the targets key are refused, never listed")
        void arbitrarySoftwareTargetsSignedByAnUnknownKeyAreRefusedAndNeverListed() {
            ObjectNode unsigned = (ObjectNode)
                    officer.get("/api/v1/trust/repository/targets/unsigned").json();
            unsigned.withObject("targets")
                    .set(
                            "EVIL-HW/evil.bin",
                            JSON.readTree("{\"length\": 3, \"hashes\": {\"sha256\": \"" + "e".repeat(64) + "\"}}"));
            KeyPair stranger = Ed25519.generate();
            long before = count("repository_metadata");

            var answer = officer.put(
                    "/api/v1/trust/repository/targets",
                    Envelope.sign(unsigned, TufKey.of(stranger.getPublic()), stranger.getPrivate())
                            .toJson());

            assertThat(answer.status()).as(answer.body()).isEqualTo(422);
            assertThat(answer.code()).isEqualTo("targets-signature-threshold");
            assertThat(count("repository_metadata")).isEqualTo(before);
            Root root = latestRoot(api);
            JsonNode targets = verifiedTargets(api, root);
            assertThat(targets.get("targets").has("EVIL-HW/evil.bin")).isFalse();
            assertThat(root.signedBy(envelope(bytes(api, "/repo/" + root.version() + ".root.json")), "root"))
                    .isTrue();
            assertThat(root.roles().get("root").keyIds())
                    .as("online keys never sign root")
                    .doesNotContainAnyElementsOf(root.roles().get("timestamp").keyIds())
                    .doesNotContainAnyElementsOf(root.roles().get("snapshot").keyIds());
        }

        @Test
        @DisplayName("2 tampered image: served bytes match the metadata; content altered at rest is not served")
        void tamperedImageServedBytesMatchTheMetadataAndAlteredStoredContentIsNotServed() throws Exception {
            var image = publishImage(admin, 3);
            JsonNode entry =
                    verifiedTargets(api, latestRoot(api)).get("targets").get(image.targetPath());
            String sha256 = entry.get("hashes").get("sha256").asString();
            String byHash = "/repo/targets/" + image.hardwareId() + "/" + sha256 + "." + image.fileName();
            for (String alg : List.of("sha256", "sha512")) {
                var served = api.download(
                        "GET",
                        "/repo/targets/" + image.hardwareId() + "/"
                                + entry.get("hashes").get(alg).asString() + "." + image.fileName(),
                        null);
                assertThat(served.status()).isEqualTo(200);
                assertThat(RoleMetadata.digest(alg, served.body()))
                        .isEqualTo(entry.get("hashes").get(alg).asString());
                assertThat((long) served.body().length)
                        .isEqualTo(entry.get("length").asLong());
            }
            Path stored = Path.of(context.getEnvironment().getRequiredProperty("pitwall.catalog.artifact-dir"))
                    .toAbsolutePath()
                    .resolve(sha256.substring(0, 2))
                    .resolve(sha256);
            // The device artifact endpoint serves the same stored bytes to a vehicle running the image.
            String vin = fleet.vehicle(model, "EU", "1.0.0", image.hardwareId());
            jdbc.sql("UPDATE ecu SET image_hash = :h WHERE vin = :v")
                    .param("h", sha256)
                    .param("v", vin)
                    .update();
            var vehicle = fleet.credentialFor(vin);
            String artifact = "/device/v1/vehicles/" + vin + "/artifacts/" + sha256;
            byte[] original = Files.readAllBytes(stored);
            try {
                byte[] flipped = original.clone();
                flipped[flipped.length - 1] ^= 0x01;
                Files.write(stored, flipped);
                assertCorrupted(byHash);
                assertNotServedWhole(vehicle, artifact, original.length);
                Files.write(stored, java.util.Arrays.copyOf(original, original.length + 100));
                assertCorrupted(byHash);
            } finally {
                Files.write(stored, original);
            }
            assertThat(bytes(api, byHash)).isEqualTo(image.bytes());
            var whole = vehicle.download("GET", artifact, null);
            assertThat(whole.status()).isEqualTo(200);
            assertThat(whole.body()).isEqualTo(image.bytes());
        }

        /** Altered content never reaches the vehicle whole: the connection breaks before the last byte. */
        private static void assertNotServedWhole(io.pitwall.server.support.ApiClient vehicle, String path, int length) {
            try {
                var served = vehicle.download("GET", path, null);
                assertThat(served.body().length).as("status " + served.status()).isLessThan(length);
            } catch (IllegalStateException broken) {
                assertThat(broken).hasCauseInstanceOf(java.io.IOException.class);
            }
        }

        private void assertCorrupted(String path) {
            var answer = api.get(path);
            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.code()).isEqualTo("target-content-corrupted");
        }

        @Test
        @DisplayName("3 rollback: no assignment or publication below the release counter; versions only grow")
        void rollbackLowerReleaseCountersAreNeitherAssignedNorPublishedAndOldMetadataIsRefused() {
            String vin = fleet.vehicle(model, "EU", "2.0.0", hardwareId);
            var current = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            // The ECU runs the counter-20 image, as a confirmed install records it (the downgrade rule compares
            // release counters through the installed image's hash).
            jdbc.sql("UPDATE ecu SET image_hash = :h WHERE vin = :v")
                    .param("h", current.sha256())
                    .param("v", vin)
                    .update();
            // An imported vehicle whose ECU is known by its version only (no image hash recorded yet).
            String versionOnly = fleet.vehicle(model, "EU", "2.0.0", hardwareId);
            long campaign = CampaignSteps.createdWithFilter(
                    manager, "Downgrade " + hardwareId, current.knownGoodReleaseId(), Map.of("model", model), null);
            campaignSteps().approvedCampaign(manager, campaign, current.releaseId());

            var started = admin.post("/api/v1/campaigns/" + campaign + "/start", "");

            assertThat(started.status()).as(started.body()).isEqualTo(200);
            assertThat(started.json().get("assignments").asLong())
                    .as("counter 15 below the installed 20, by hash or by version")
                    .isZero();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment WHERE vin IN (:v, :w)")
                            .param("v", vin)
                            .param("w", versionOnly)
                            .query(Long.class)
                            .single())
                    .isZero();

            var lower = admin.post(
                    "/api/v1/images",
                    Map.of(
                            "hardwareId",
                            hardwareId,
                            "name",
                            "Old",
                            "version",
                            "1.0.1",
                            "releaseCounter",
                            10,
                            "fileName",
                            "fw-old.bin",
                            "installType",
                            "AB",
                            "riskClass",
                            "LOW",
                            "ecuType",
                            "BMS"));
            assertThat(lower.status()).as(lower.body()).isEqualTo(201);
            long imageId = lower.json().get("id").asLong();
            var uploaded = admin.send(
                    "PUT",
                    "/api/v1/images/" + imageId + "/content",
                    "application/octet-stream",
                    "old image".getBytes(StandardCharsets.UTF_8));
            assertThat(uploaded.json().get("status").asString())
                    .as(uploaded.body())
                    .isEqualTo("REJECTED");
            var release = admin.post(
                    "/api/v1/releases",
                    Map.of(
                            "name",
                            "Old " + hardwareId,
                            "version",
                            "1.0.1",
                            "notes",
                            "n",
                            "imageIds",
                            List.of(imageId)));
            assertThat(release.status()).isEqualTo(422);
            assertThat(release.code()).isEqualTo("image-not-validated");
            assertThat(verifiedTargets(api, latestRoot(api)).get("targets").has(hardwareId + "/fw-old.bin"))
                    .isFalse();

            ObjectNode old = (ObjectNode)
                    officer.get("/api/v1/trust/repository/targets/unsigned").json();
            old.put("version", old.get("version").asLong() - 1);
            KeyPair any = Ed25519.generate();
            long before = count("repository_metadata");
            var replayed = officer.put(
                    "/api/v1/trust/repository/targets",
                    Envelope.sign(old, TufKey.of(any.getPublic()), any.getPrivate())
                            .toJson());
            assertThat(replayed.code()).isEqualTo("targets-version-not-newer");
            assertThat(count("repository_metadata")).isEqualTo(before);
        }

        @Test
        @DisplayName("4 fast-forward: a new root is followed by fresh, higher snapshot and timestamp versions")
        void fastForwardANewRootIsFollowedByFreshHigherSnapshotAndTimestamp() {
            JsonNode before = officer.get("/api/v1/trust/repository").json().get("versions");

            Root next = rotateTargetsRole(List.of(access().serverTargetsKey()), 1);

            JsonNode after = officer.get("/api/v1/trust/repository").json().get("versions");
            assertThat(after.get("root").asLong()).isEqualTo(before.get("root").asLong() + 1);
            assertThat(after.get("snapshot").asLong())
                    .isGreaterThan(before.get("snapshot").asLong());
            assertThat(after.get("timestamp").asLong())
                    .isGreaterThan(before.get("timestamp").asLong());
            Envelope timestamp = envelope(bytes(api, "/repo/timestamp.json"));
            assertThat(next.signedBy(timestamp, "timestamp")).isTrue();
            assertThat(timestamp
                            .signed()
                            .get("meta")
                            .get("snapshot.json")
                            .get("version")
                            .asLong())
                    .isEqualTo(after.get("snapshot").asLong());
            verifiedTargets(api, next);
        }

        @Test
        @DisplayName("5 freeze: the timestamp is re-signed before it expires; versions only grow")
        void freezeTimestampIsReSignedBeforeItExpiresWithAHigherVersion() {
            Envelope stale = envelope(bytes(api, "/repo/timestamp.json"));
            Instant expires = Instant.parse(stale.signed().get("expires").asString());
            long version = stale.signed().get("version").asLong();
            Instant nearlyExpired = expires.minus(Duration.ofHours(1));

            assertThat(access().refreshAt(Clock.fixed(nearlyExpired, ZoneOffset.UTC)))
                    .isTrue();

            Envelope fresh = envelope(bytes(api, "/repo/timestamp.json"));
            assertThat(fresh.signed().get("version").asLong()).isGreaterThan(version);
            assertThat(Instant.parse(fresh.signed().get("expires").asString())).isAfter(expires);
            assertThat(latestRoot(api).signedBy(fresh, "timestamp")).isTrue();
            assertThat(api.get("/repo/" + version + ".timestamp.json").status())
                    .as("an old timestamp is never served again")
                    .isEqualTo(404);
        }

        @Test
        @DisplayName("6 director replay: another vehicle cannot fetch it; the VIN is in the signed part")
        void directorReplayAnotherVehicleIsRefusedAndTheVinIsSigned() {
            String a = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            String b = fleet.vehicle(model, "EU", "1.0.0", hardwareId + "-B");
            ApiClient vehicleA = fleet.credentialFor(a);
            ApiClient vehicleB = fleet.credentialFor(b);

            var replay = vehicleB.get(director(a, "targets.json"));

            assertThat(replay.status()).isEqualTo(403);
            Root root = directorRoot(vehicleA, a);
            Envelope targets =
                    Envelope.fromJson(vehicleA.get(director(a, "targets.json")).json());
            assertThat(targets.signed().get("custom").get("vin").asString()).isEqualTo(a);
            assertThat(root.signedBy(targets, "targets")).isTrue();
            ObjectNode forged = (ObjectNode) targets.signed().deepCopy();
            forged.withObject("custom").put("vin", b);
            assertThat(root.signedBy(Envelope.fromJson(withSigned(targets, forged)), "targets"))
                    .as("A's signature does not cover B's VIN")
                    .isFalse();
        }

        @Test
        @DisplayName("6b another vehicle's director metadata: none of its files for another credential; every "
                + "vehicle's chain ends in targets naming its VIN")
        void anotherVehiclesDirectorMetadataIsNotServedAndEveryVehiclesChainNamesItsVin() {
            String a = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            String b = fleet.vehicle(model, "EU", "1.0.0", hardwareId + "-B");
            ApiClient vehicleA = fleet.credentialFor(a);
            ApiClient vehicleB = fleet.credentialFor(b);
            // A gets an assignment, B none: A's director metadata lists an image at higher versions than B's.
            startedCampaign(fleet.publishWithKnownGood(hardwareId, "2.0.0", 20));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Envelope.fromJson(vehicleA.get(director(a, "targets.json"))
                                            .json())
                                    .signed()
                                    .get("targets")
                                    .size()
                            == 1);

            for (String file : List.of("root.json", "1.root.json", "timestamp.json", "snapshot.json", "targets.json")) {
                var replay = vehicleB.get(director(a, file));
                assertThat(replay.status()).as(file).isEqualTo(403);
                assertThat(replay.body()).as(file).doesNotContain("\"signed\"", "\"signatures\"");
            }
            Root root = directorRoot(vehicleA, a);
            assertThat(directorRoot(vehicleB, b)).isEqualTo(root);
            for (var vehicle : Map.of(a, vehicleA, b, vehicleB).entrySet()) {
                String vin = vehicle.getKey();
                byte[] timestampBytes = vehicle.getValue()
                        .download("GET", director(vin, "timestamp.json"), null)
                        .body();
                Envelope timestamp = envelope(timestampBytes);
                assertThat(root.signedBy(timestamp, "timestamp")).as(vin).isTrue();
                JsonNode snapshotMeta = timestamp.signed().get("meta").get("snapshot.json");
                byte[] snapshotBytes = vehicle.getValue()
                        .download("GET", director(vin, "snapshot.json"), null)
                        .body();
                assertThat(RoleMetadata.digest("sha256", snapshotBytes))
                        .as(vin)
                        .isEqualTo(snapshotMeta.get("hashes").get("sha256").asString());
                Envelope snapshot = envelope(snapshotBytes);
                assertThat(root.signedBy(snapshot, "snapshot")).as(vin).isTrue();
                JsonNode targetsMeta = snapshot.signed().get("meta").get("targets.json");
                byte[] targetsBytes = vehicle.getValue()
                        .download("GET", director(vin, "targets.json"), null)
                        .body();
                assertThat(RoleMetadata.digest("sha256", targetsBytes))
                        .as(vin)
                        .isEqualTo(targetsMeta.get("hashes").get("sha256").asString());
                Envelope targets = envelope(targetsBytes);
                assertThat(root.signedBy(targets, "targets")).as(vin).isTrue();
                assertThat(targets.signed().get("version").asLong())
                        .isEqualTo(targetsMeta.get("version").asLong());
                assertThat(targets.signed().get("custom").get("vin").asString())
                        .as("what " + vin + "'s timestamp vouches for names " + vin)
                        .isEqualTo(vin);
            }
        }

        @Test
        @DisplayName("7 mix-and-match: snapshot pins the targets version and hashes, timestamp the snapshot")
        void mixAndMatchSnapshotPinsTheLatestTargetsAndTimestampPinsTheSnapshot() {
            publishImage(admin, 4);
            JsonNode versions = officer.get("/api/v1/trust/repository").json().get("versions");
            long targets = versions.get("targets").asLong();

            Envelope timestamp = envelope(bytes(api, "/repo/timestamp.json"));
            JsonNode snapshotMeta = timestamp.signed().get("meta").get("snapshot.json");
            assertThat(snapshotMeta.get("version").asLong())
                    .isEqualTo(versions.get("snapshot").asLong());
            byte[] snapshotBytes =
                    bytes(api, "/repo/" + versions.get("snapshot").asLong() + ".snapshot.json");
            assertThat(RoleMetadata.digest("sha256", snapshotBytes))
                    .isEqualTo(snapshotMeta.get("hashes").get("sha256").asString());
            JsonNode targetsMeta = envelope(snapshotBytes).signed().get("meta").get("targets.json");
            assertThat(targetsMeta.get("version").asLong()).isEqualTo(targets);
            assertThat(RoleMetadata.digest("sha512", bytes(api, "/repo/" + targets + ".targets.json")))
                    .isEqualTo(targetsMeta.get("hashes").get("sha512").asString());
            byte[] older = bytes(api, "/repo/" + (targets - 1) + ".targets.json");
            assertThat(RoleMetadata.digest("sha512", older))
                    .as("an older targets file does not match the snapshot")
                    .isNotEqualTo(targetsMeta.get("hashes").get("sha512").asString());
        }

        @Test
        @DisplayName("8 endless data: metadata under the clients' limits, lengths exact, oversized uploads refused")
        void endlessDataMetadataStaysUnderClientLimitsAndLengthsAreExact() {
            var image = publishImage(admin, 5);
            JsonNode versions = officer.get("/api/v1/trust/repository").json().get("versions");
            assertThat(bytes(api, "/repo/timestamp.json").length).isLessThan(16_384);
            assertThat(bytes(api, "/repo/" + versions.get("snapshot").asLong() + ".snapshot.json").length)
                    .isLessThan(2_000_000);
            assertThat(bytes(api, "/repo/" + versions.get("targets").asLong() + ".targets.json").length)
                    .isLessThan(5_000_000);
            assertThat(bytes(api, "/repo/" + versions.get("root").asLong() + ".root.json").length)
                    .isLessThan(512_000);
            JsonNode entry =
                    verifiedTargets(api, latestRoot(api)).get("targets").get(image.targetPath());
            var served = api.download(
                    "GET",
                    "/repo/targets/" + image.hardwareId() + "/"
                            + entry.get("hashes").get("sha256").asString() + "." + image.fileName(),
                    null);
            assertThat(served.header("Content-Length"))
                    .isEqualTo(entry.get("length").asString());
            assertThat((long) served.body().length)
                    .isEqualTo(entry.get("length").asLong());
            String vin = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            ApiClient vehicle = fleet.credentialFor(vin);
            assertThat(vehicle.get(director(vin, "timestamp.json")).body().length())
                    .isLessThan(16_384);
            assertThat(vehicle.get(director(vin, "targets.json")).body().length())
                    .isLessThan(5_000_000);

            long before = count("repository_metadata");
            String huge = "{\"signed\": {\"pad\": \"" + "x".repeat(1_100_000) + "\"}, \"signatures\": []}";
            var answer = officer.post("/api/v1/trust/repository/root", huge);
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.code()).isEqualTo("payload-too-large");
            assertThat(count("repository_metadata")).isEqualTo(before);
        }

        @Test
        @DisplayName("9 slow retrieval: a download that stops moving is listed as stuck")
        void slowRetrievalADownloadThatStopsMovingIsListedAsStuck() {
            String vin = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            long campaign = startedCampaign(fleet.publishWithKnownGood(hardwareId, "2.0.0", 20));
            ApiClient vehicle = fleet.credentialFor(vin);
            String assignment =
                    checkin(vehicle, vin).get("assignment").get("assignmentId").asString();
            report(vehicle, vin, 1, "DOWNLOAD_STARTED", Map.of("assignmentId", assignment));
            assertThat(exceptions(campaign)).as("moving a moment ago").isEmpty();

            wentQuiet(vin, Duration.ofHours(2));

            JsonNode stuck = exceptions(campaign);
            assertThat(stuck.size()).isEqualTo(1);
            assertThat(stuck.get(0).get("vin").asString()).isEqualTo(vin);
            assertThat(stuck.get(0).get("status").asString()).isEqualTo("DOWNLOADING");
            assertThat(stuck.get(0).get("kind").asString()).isEqualTo("NO_PROGRESS");
        }

        @Test
        @DisplayName("10 drop-request: a vehicle that stops asking is listed; its director metadata expires soon")
        void dropRequestASilentVehicleIsListedAndItsDirectorMetadataExpiresWithinADay() {
            String vin = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            long campaign = startedCampaign(fleet.publishWithKnownGood(hardwareId, "2.0.0", 20));
            ApiClient vehicle = fleet.credentialFor(vin);
            assertThat(checkin(vehicle, vin).has("assignment")).isTrue();
            Envelope timestamp = Envelope.fromJson(
                    vehicle.get(director(vin, "timestamp.json")).json());
            assertThat(Instant.parse(timestamp.signed().get("expires").asString()))
                    .as("a vehicle cut off from the director notices within a day")
                    .isBefore(Instant.now().plus(Duration.ofHours(25)));

            wentQuiet(vin, Duration.ofHours(2));

            JsonNode stuck = exceptions(campaign);
            assertThat(stuck.size()).isEqualTo(1);
            assertThat(stuck.get(0).get("status").asString()).isEqualTo("DELIVERED");
            assertThat(stuck.get(0).get("kind").asString()).isEqualTo("NO_PROGRESS");
        }

        @Test
        @DisplayName("11 partial bundle: one ECU's image installed alone leaves the assignment open and listed")
        void partialBundleOneEcuInstalledLeavesTheAssignmentOpenAndTheOtherImageListed() {
            String hwA = hardwareId + "-A";
            String hwB = hardwareId + "-B";
            String vin = fleet.vehicle(model, "EU", "1.0.0", hwA, hwB);
            long rollbackRelease = bundle(List.of(hwA, hwB), "1.5.0", 15);
            long releaseId = bundle(List.of(hwA, hwB), "2.0.0", 20);
            long campaign = startedCampaign(
                    new TestFleet.PublishedRelease(releaseId, 0, hwA, "2.0.0", "", new byte[0], rollbackRelease));
            ApiClient vehicle = fleet.credentialFor(vin);
            String assignment =
                    checkin(vehicle, vin).get("assignment").get("assignmentId").asString();
            long seq = 0;
            for (String type :
                    List.of("DOWNLOAD_STARTED", "DOWNLOAD_COMPLETED", "INSTALL_STARTED", "INSTALL_COMPLETED")) {
                report(vehicle, vin, ++seq, type, Map.of("assignmentId", assignment, "ecuSerial", hwA + "-" + vin));
            }

            JsonNode progress = admin.get("/api/v1/campaigns/" + campaign).json();
            assertThat(progress.get("campaign").get("status").asString()).isEqualTo("RUNNING");
            assertThat(progress.get("byStatus").path("SUCCEEDED").asLong(0)).isZero();
            assertThat(jdbc.sql("SELECT hardware_id, software_version FROM ecu WHERE vin = :v ORDER BY hardware_id")
                            .param("v", vin)
                            .query((rs, i) -> rs.getString(1) + "=" + rs.getString(2))
                            .list())
                    .containsExactly(hwA + "=2.0.0", hwB + "=1.0.0");
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(Envelope.fromJson(vehicle.get(director(vin, "targets.json"))
                                            .json())
                                    .signed()
                                    .get("targets")
                                    .has(hwB + "/fw-2.0.0.bin"))
                            .isTrue());
        }

        /** Publishes one release with an image (version, counter) per hardware id; answers its id. */
        long bundle(List<String> hardwareIds, String version, long counter) {
            return fleet.publishBundle("Bundle " + hardwareIds.get(0) + " " + version, hardwareIds, version, counter);
        }

        @Test
        @DisplayName("13 key threshold: duplicate signatures and one key under two keyids do not reach 2")
        void keyThresholdDuplicateSignaturesAndDuplicateKeysAreCountedOnce() {
            KeyPair k1 = Ed25519.generate();
            KeyPair k2 = Ed25519.generate();
            TufKey t1 = TufKey.of(k1.getPublic());
            TufKey t2 = TufKey.of(k2.getPublic());
            Root current = latestRoot(api);
            ObjectNode sameKeyTwice = rootWithTargets(current, List.of(t1, t2), 2);
            String otherId = RoleMetadata.digest("sha256", "another name for k1".getBytes(StandardCharsets.UTF_8));
            sameKeyTwice.withObject("keys").set(otherId, t1.toJson());
            sameKeyTwice
                    .withObject("roles")
                    .withObject("targets")
                    .putArray("keyids")
                    .add(t1.keyId())
                    .add(otherId);
            long before = count("repository_metadata");
            var refusedRoot = officer.post(
                    "/api/v1/trust/repository/root",
                    Envelope.sign(sameKeyTwice, access().serverRootKey()).toJson());
            assertThat(refusedRoot.status()).as(refusedRoot.body()).isEqualTo(422);
            assertThat(refusedRoot.code()).isEqualTo("root-keyid-mismatch");
            assertThat(count("repository_metadata")).isEqualTo(before);

            rotateTargetsRole(List.of(t1, t2), 2);
            try {
                ObjectNode unsigned = (ObjectNode)
                        officer.get("/api/v1/trust/repository/targets/unsigned").json();
                ObjectNode once = Envelope.sign(unsigned, t1, k1.getPrivate()).toJson();
                once.withArray("signatures").add(once.get("signatures").get(0).deepCopy());
                long beforeTargets = count("repository_metadata");
                var duplicated = officer.put("/api/v1/trust/repository/targets", once);
                assertThat(duplicated.status()).isEqualTo(422);
                assertThat(duplicated.code()).isEqualTo("targets-signature-threshold");
                assertThat(count("repository_metadata")).isEqualTo(beforeTargets);

                var both = officer.put(
                        "/api/v1/trust/repository/targets",
                        Envelope.sign(unsigned, Map.of(t1, k1.getPrivate(), t2, k2.getPrivate()))
                                .toJson());
                assertThat(both.status()).as(both.body()).isEqualTo(200);
                assertThat(verifiedTargets(api, latestRoot(api)).get("version").asLong())
                        .isEqualTo(unsigned.get("version").asLong());
            } finally {
                rotateTargetsRole(List.of(access().serverTargetsKey()), 1);
            }
        }

        @Test
        @DisplayName("14 root rotation: every N.root.json chains to N+1; the first missing one is 404")
        void rootRotationEveryRootChainsToTheNextAndTheFirstMissingIsNotFound() {
            rotateTargetsRole(List.of(access().serverTargetsKey()), 1);
            Root latest = latestRoot(api);
            Root trusted =
                    Root.fromSigned(envelope(bytes(api, "/repo/1.root.json")).signed());
            for (long n = 2; n <= latest.version(); n++) {
                trusted = trusted.verifyNext(envelope(bytes(api, "/repo/" + n + ".root.json")), Instant.now());
            }
            assertThat(trusted.version()).isEqualTo(latest.version()).isGreaterThanOrEqualTo(2);
            var missing = api.get("/repo/" + (latest.version() + 1) + ".root.json");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.code()).isEqualTo("metadata-not-found");

            String vin = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            ApiClient vehicle = fleet.credentialFor(vin);
            Root director = directorRoot(vehicle, vin);
            var directorMissing = vehicle.get(director(vin, (director.version() + 1) + ".root.json"));
            assertThat(directorMissing.status()).isEqualTo(404);
            assertThat(directorMissing.code()).isEqualTo("metadata-not-found");
        }

        @Test
        @DisplayName("15 director-key compromise: director targets only name image-repository targets, as listed")
        void directorKeyCompromiseDirectorTargetsOnlyNameImageRepositoryTargets() {
            String vin = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            ApiClient vehicle = fleet.credentialFor(vin);
            startedCampaign(fleet.publishWithKnownGood(hardwareId, "2.0.0", 20));
            Root directorRoot = directorRoot(vehicle, vin);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Envelope.fromJson(vehicle.get(director(vin, "targets.json"))
                                            .json())
                                    .signed()
                                    .get("targets")
                                    .size()
                            == 1);

            Envelope targets =
                    Envelope.fromJson(vehicle.get(director(vin, "targets.json")).json());
            assertThat(directorRoot.signedBy(targets, "targets")).isTrue();
            Root imageRoot = latestRoot(api);
            JsonNode image = verifiedTargets(api, imageRoot).get("targets");
            targets.signed().get("targets").properties().forEach(e -> {
                JsonNode listed = image.get(e.getKey());
                assertThat(listed)
                        .as(e.getKey() + " is in the image repository")
                        .isNotNull();
                assertThat(e.getValue().get("length")).isEqualTo(listed.get("length"));
                assertThat(e.getValue().get("hashes")).isEqualTo(listed.get("hashes"));
                assertThat(e.getValue().get("custom").get("hardwareIds"))
                        .isEqualTo(listed.get("custom").get("hardwareIds"));
                assertThat(e.getValue().get("custom").get("releaseCounter"))
                        .isEqualTo(listed.get("custom").get("releaseCounter"));
            });
            assertThat(directorRoot.keys().keySet())
                    .as("director keys are not image-repository keys")
                    .doesNotContainAnyElementsOf(imageRoot.keys().keySet());
        }

        @Test
        @DisplayName("17 time attack: expiry is computed from the server's injected clock")
        void timeAttackExpiryIsComputedFromTheInjectedClock() {
            Instant current = Instant.parse(envelope(bytes(api, "/repo/timestamp.json"))
                    .signed()
                    .get("expires")
                    .asString());
            Instant later = (current.isAfter(Instant.now()) ? current : Instant.now())
                    .plus(Duration.ofDays(40))
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

            assertThat(access().refreshAt(Clock.fixed(later, ZoneOffset.UTC))).isTrue();

            Instant expires = Instant.parse(envelope(bytes(api, "/repo/timestamp.json"))
                    .signed()
                    .get("expires")
                    .asString());
            assertThat(expires).isAfter(later).isBeforeOrEqualTo(later.plus(Duration.ofDays(1)));
        }

        @Test
        @DisplayName("18 path traversal: '..', encoded and absolute names are refused with 4xx, nothing written")
        void pathTraversalNamesAreRefusedAndNothingIsWritten() {
            long images = count("image");
            for (String fileName :
                    List.of("../evil.bin", "..", "%2e%2e%2fevil.bin", "/etc/passwd", "a/../../b.bin", "..\\evil.bin")) {
                var answer = admin.post(
                        "/api/v1/images",
                        Map.of(
                                "hardwareId",
                                hardwareId,
                                "name",
                                "Evil",
                                "version",
                                "9.9.9",
                                "releaseCounter",
                                99,
                                "fileName",
                                fileName,
                                "installType",
                                "AB",
                                "riskClass",
                                "LOW",
                                "ecuType",
                                "BMS",
                                "newHardware",
                                true));
                assertThat(answer.status()).as(fileName).isBetween(400, 499);
                assertThat(answer.code()).as(fileName).isEqualTo("invalid-file-name");
            }
            for (String hw : List.of("..", "../x", "%2e%2e", "/abs")) {
                var answer = admin.post(
                        "/api/v1/images",
                        Map.of(
                                "hardwareId",
                                hw,
                                "name",
                                "Evil",
                                "version",
                                "9.9.9",
                                "releaseCounter",
                                99,
                                "fileName",
                                "ok.bin",
                                "installType",
                                "AB",
                                "riskClass",
                                "LOW",
                                "ecuType",
                                "BMS",
                                "newHardware",
                                true));
                assertThat(answer.status()).as(hw).isBetween(400, 499);
                assertThat(answer.code()).as(hw).isEqualTo("invalid-hardware-id");
            }
            assertThat(count("image")).isEqualTo(images);
            for (String path : List.of(
                    "/repo/targets/..%2F..%2Fetc/passwd",
                    "/repo/targets/x/..%2F1.root.json", "/repo/%2e%2e%2f1.root.json", "/repo/..%2F..%2Fetc%2Fpasswd")) {
                assertThat(api.download("GET", path, null).status()).as(path).isBetween(400, 499);
            }
            String vin = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            assertThat(fleet.credentialFor(vin)
                            .get(director(vin, "..%2F..%2Frepo%2F1.root.json"))
                            .status())
                    .isBetween(400, 499);

            KeyPair k = Ed25519.generate();
            TufKey t = TufKey.of(k.getPublic());
            rotateTargetsRole(List.of(t), 1);
            try {
                for (String target : List.of(
                        "../../etc/x.bin", "HW/../x.bin", "/abs/x.bin", "%2e%2e/x.bin", "HW\\x.bin", "HW//x.bin")) {
                    ObjectNode unsigned = (ObjectNode) officer.get("/api/v1/trust/repository/targets/unsigned")
                            .json();
                    unsigned.withObject("targets")
                            .set(
                                    target,
                                    JSON.readTree(
                                            "{\"length\": 3, \"hashes\": {\"sha256\": \"" + "e".repeat(64) + "\"}}"));
                    long before = count("repository_metadata");
                    var answer = officer.put(
                            "/api/v1/trust/repository/targets",
                            Envelope.sign(unsigned, t, k.getPrivate()).toJson());
                    assertThat(answer.status()).as(target).isEqualTo(422);
                    assertThat(answer.code()).as(target).isEqualTo("targets-invalid-path");
                    assertThat(count("repository_metadata")).isEqualTo(before);
                }
            } finally {
                rotateTargetsRole(List.of(access().serverTargetsKey()), 1);
            }
        }

        @Test
        @DisplayName("19 extraneous delegations: none emitted; uploaded targets with delegations are refused")
        void extraneousDelegationsAreNeverEmittedAndUploadedOnesAreRefused() {
            String vin = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            assertThat(verifiedTargets(api, latestRoot(api)).has("delegations")).isFalse();
            assertThat(fleet.credentialFor(vin)
                            .get(director(vin, "targets.json"))
                            .json()
                            .get("signed")
                            .has("delegations"))
                    .isFalse();
            KeyPair k = Ed25519.generate();
            TufKey t = TufKey.of(k.getPublic());
            rotateTargetsRole(List.of(t), 1);
            try {
                ObjectNode unsigned = (ObjectNode)
                        officer.get("/api/v1/trust/repository/targets/unsigned").json();
                unsigned.set(
                        "delegations",
                        JSON.readTree("{\"keys\": {\"" + t.keyId() + "\": "
                                + t.toJson() + "}, \"roles\": [{\"name\": \"supplier\", \"keyids\": [\"" + t.keyId()
                                + "\"], \"threshold\": 1, \"terminating\": false, \"paths\": [\"*\"]}]}"));
                long before = count("repository_metadata");
                var answer = officer.put(
                        "/api/v1/trust/repository/targets",
                        Envelope.sign(unsigned, t, k.getPrivate()).toJson());
                assertThat(answer.status()).as(answer.body()).isEqualTo(422);
                assertThat(answer.code()).isEqualTo("targets-delegations-unsupported");
                assertThat(count("repository_metadata")).isEqualTo(before);
            } finally {
                rotateTargetsRole(List.of(access().serverTargetsKey()), 1);
            }
            assertThat(api.get("/repo/1.supplier.json").status()).isEqualTo(404);
        }

        ApiClient token(ApiClient operator, Role role) {
            var issued = operator.post(
                    "/api/v1/tokens",
                    Map.of(
                            "name",
                            "attack-suite",
                            "permissions",
                            role.permissions().stream()
                                    .map(io.pitwall.server.access.Permission::code)
                                    .toList(),
                            "expiresIn",
                            "PT1H"));
            assertThat(issued.status()).as(issued.body()).isEqualTo(201);
            return api.anonymous().withToken(issued.json().get("secret").asString());
        }

        RepositoryTestAccess access() {
            return RepositoryTestAccess.of(context);
        }

        /** Root N+1 whose targets role is {@code keys} with {@code threshold}, signed by the server's root key. */
        Root rotateTargetsRole(List<TufKey> keys, int threshold) {
            Root current = latestRoot(api);
            var answer = officer.post(
                    "/api/v1/trust/repository/root",
                    Envelope.sign(rootWithTargets(current, keys, threshold), access().serverRootKey())
                            .toJson());
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return latestRoot(api);
        }

        static ObjectNode rootWithTargets(Root current, List<TufKey> keys, int threshold) {
            Map<String, TufKey> all = new HashMap<>(current.keys());
            keys.forEach(k -> all.put(k.keyId(), k));
            Map<String, Root.RoleKeys> roles = new HashMap<>(current.roles());
            roles.put(
                    "targets",
                    new Root.RoleKeys(keys.stream().map(TufKey::keyId).toList(), threshold));
            return new Root(current.version() + 1, Instant.now().plus(Duration.ofDays(300)), true, all, roles)
                    .toSigned();
        }

        static String director(String vin, String name) {
            return "/device/v1/vehicles/" + vin + "/director/" + name;
        }

        static Root directorRoot(ApiClient vehicle, String vin) {
            Root root = null;
            for (int n = 1; vehicle.get(director(vin, n + ".root.json")).status() == 200; n++) {
                root = Root.fromSigned(
                        vehicle.get(director(vin, n + ".root.json")).json().get("signed"));
            }
            return root;
        }

        static JsonNode withSigned(Envelope envelope, JsonNode signed) {
            ObjectNode copy = envelope.toJson();
            copy.set("signed", signed);
            return copy;
        }

        long startedCampaign(TestFleet.PublishedRelease release) {
            long id = CampaignSteps.createdWithFilter(
                    manager, "Attack " + release.releaseId(), release.releaseId(), Map.of("model", model), null);
            campaignSteps().approvedCampaign(manager, id, release.knownGoodReleaseId());
            CampaignSteps.start(admin, id);
            return id;
        }

        JsonNode checkin(ApiClient vehicle, String vin) {
            var answer = vehicle.post(
                    "/device/v1/vehicles/" + vin + "/checkin",
                    Map.of("connectivity", "WIFI", "ownerConsent", true, "ecus", List.of()));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer.json();
        }

        void report(ApiClient vehicle, String vin, long seq, String type, Map<String, Object> fields) {
            Map<String, Object> event = new HashMap<>(fields);
            event.put("seq", seq);
            event.put("type", type);
            event.put("occurredAt", Instant.now().toString());
            var answer = vehicle.post("/device/v1/vehicles/" + vin + "/events", Map.of("events", List.of(event)));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }

        /** The vehicle's assignment last changed {@code ago} (as if it had gone quiet that long ago). */
        void wentQuiet(String vin, Duration ago) {
            jdbc.sql("UPDATE assignment SET updated_at = :t WHERE vin = :v")
                    .param("t", OffsetDateTime.now(ZoneOffset.UTC).minus(ago))
                    .param("v", vin)
                    .update();
        }

        JsonNode exceptions(long campaign) {
            var answer = admin.get("/api/v1/campaigns/" + campaign + "/exceptions");
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer.json().get("items");
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
