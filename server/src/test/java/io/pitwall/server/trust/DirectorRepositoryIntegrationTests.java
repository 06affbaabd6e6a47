package io.pitwall.server.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.RoleMetadata;
import io.pitwall.protocol.tuf.Root;
import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.CampaignSteps;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The director repository as a vehicle sees it: per-vehicle TUF metadata signed by the director's keys,
 * the VIN inside the signed targets, regenerated when assignments are made or cancelled.
 */
class DirectorRepositoryIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    abstract static class Contract extends IntegrationTest {

        @Autowired
        DirectorRepository director;

        @Autowired
        PlatformTransactionManager transactionManager;

        TransactionTemplate transactions;
        TestFleet fleet;
        String hardwareId;
        String model;
        String vin;
        ApiClient vehicle;

        @BeforeEach
        void fleet() {
            transactions = new TransactionTemplate(transactionManager);
            fleet = new TestFleet(jdbc, admin);
            hardwareId =
                    "DIR-HW-" + HARDWARE.incrementAndGet() + "-" + getClass().getSimpleName();
            model = "Model-" + hardwareId;
            vin = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            vehicle = fleet.credentialFor(vin);
        }

        String path(String name) {
            return "/device/v1/vehicles/" + vin + "/director/" + name;
        }

        Envelope fetch(String name) {
            var answer = vehicle.get(path(name));
            assertThat(answer.status()).as(name + ": " + answer.body()).isEqualTo(200);
            return Envelope.fromJson(answer.json());
        }

        byte[] raw(String name) {
            return vehicle.get(path(name)).body().getBytes(StandardCharsets.UTF_8);
        }

        Root root() {
            Envelope envelope = fetch("1.root.json");
            Root root = Root.fromSigned(envelope.signed());
            assertThat(root.signedBy(envelope, "root"))
                    .as("root 1 is signed by its own root key")
                    .isTrue();
            return root;
        }

        long targetsVersion() {
            return fetch("targets.json").signed().get("version").asLong();
        }

        long startedCampaign(TestFleet.PublishedRelease release) {
            var manager = operatorWith(Role.RELEASE_MANAGER);
            long id = CampaignSteps.createdWithFilter(
                    manager, "Director " + release.releaseId(), release.releaseId(), Map.of("model", model), null);
            campaignSteps().approvedCampaign(manager, id, release.knownGoodReleaseId());
            CampaignSteps.start(admin, id);
            return id;
        }

        @Test
        void aVehicleWithoutAssignmentGetsSignedEmptyTargetsNamingItsVin() {
            Root root = root();
            Envelope targets = fetch("targets.json");

            assertThat(root.consistentSnapshot()).isFalse();
            assertThat(root.signedBy(targets, "targets")).isTrue();
            assertThat(targets.signed().get("_type").asString()).isEqualTo("targets");
            assertThat(targets.signed().get("targets").size()).isZero();
            assertThat(targets.signed().get("custom").get("vin").asString()).isEqualTo(vin);
            assertThat(root.signedBy(fetch("snapshot.json"), "snapshot")).isTrue();
            assertThat(root.signedBy(fetch("timestamp.json"), "timestamp")).isTrue();
            assertThat(vehicle.get(path("2.root.json")).status()).isEqualTo(404);
            assertThat(vehicle.get(path("2.root.json")).code()).isEqualTo("metadata-not-found");
            assertThat(vehicle.get(path("../targets.json")).status()).isIn(400, 404);
        }

        @Test
        void directorKeysAreNotTheImageRepositorys() {
            Root director = root();
            Root image = Root.fromSigned(
                    JSON.readTree(api.get("/repo/1.root.json").body()).get("signed"));

            assertThat(director.keys().keySet())
                    .doesNotContainAnyElementsOf(image.keys().keySet());
        }

        @Test
        void anotherVehiclesCredentialIsRefused() {
            String other = fleet.vehicle(model, "EU", "1.0.0", hardwareId + "-B");
            ApiClient otherVehicle = fleet.credentialFor(other);

            var answer = otherVehicle.get(path("targets.json"));

            assertThat(answer.status()).isEqualTo(403);
            assertThat(admin.anonymous().get(path("targets.json")).status()).isEqualTo(401);
        }

        @Test
        void anAssignmentListsTheImagePerEcuAsTheImageRepositoryDoesThenCancellingEmptiesIt() {
            Root root = root();
            long empty = targetsVersion();
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            long campaign = startedCampaign(release);

            await().atMost(Duration.ofSeconds(20)).until(() -> targetsVersion() > empty);
            Envelope targets = fetch("targets.json");
            assertThat(root.signedBy(targets, "targets")).isTrue();
            assertThat(targets.signed().get("custom").get("vin").asString()).isEqualTo(vin);
            JsonNode listed = targets.signed().get("targets");
            assertThat(listed.size()).isEqualTo(1);
            String targetPath = listed.propertyNames().iterator().next();
            JsonNode entry = listed.get(targetPath);
            JsonNode imageEntry = JSON.readTree(api.get("/repo/targets.json").body())
                    .get("signed")
                    .get("targets")
                    .get(targetPath);
            assertThat(imageEntry)
                    .as("the image repository lists " + targetPath)
                    .isNotNull();
            assertThat(entry.get("length")).isEqualTo(imageEntry.get("length"));
            assertThat(entry.get("hashes")).isEqualTo(imageEntry.get("hashes"));
            assertThat(entry.get("hashes").get("sha256").asString()).isEqualTo(release.sha256());
            JsonNode custom = entry.get("custom");
            assertThat(custom.get("releaseCounter").asLong()).isEqualTo(20);
            assertThat(custom.get("hardwareIds"))
                    .isEqualTo(imageEntry.get("custom").get("hardwareIds"));
            assertThat(custom.get("ecuType").asString()).isEqualTo("BMS");
            assertThat(custom.get("ecuIdentifiers")
                            .get(hardwareId + "-" + vin)
                            .get("hardwareId")
                            .asString())
                    .isEqualTo(hardwareId);
            long assigned = targets.signed().get("version").asLong();
            assertMetaChain(root, assigned);

            assertThat(admin.post("/api/v1/campaigns/" + campaign + "/cancel", "")
                            .status())
                    .isEqualTo(200);

            await().atMost(Duration.ofSeconds(20)).until(() -> targetsVersion() > assigned);
            Envelope cancelled = fetch("targets.json");
            assertThat(root.signedBy(cancelled, "targets")).isTrue();
            assertThat(cancelled.signed().get("targets").size()).isZero();
            assertThat(cancelled.signed().get("custom").get("vin").asString()).isEqualTo(vin);
            assertMetaChain(root, cancelled.signed().get("version").asLong());
        }

        @Test
        void aVehicleOutsideTheCampaignKeepsItsVersion() {
            String outsider = fleet.vehicle("Other-" + model, "EU", "1.0.0", hardwareId);
            ApiClient outsiderClient = fleet.credentialFor(outsider);
            String outsiderTargets = "/device/v1/vehicles/" + outsider + "/director/targets.json";
            long before = outsiderClient
                    .get(outsiderTargets)
                    .json()
                    .get("signed")
                    .get("version")
                    .asLong();
            long empty = targetsVersion();
            startedCampaign(fleet.publishWithKnownGood(hardwareId, "2.0.0", 20));

            await().atMost(Duration.ofSeconds(20)).until(() -> targetsVersion() > empty);
            await().atMost(Duration.ofSeconds(20)).until(() -> count("director_change") == 0);

            assertThat(outsiderClient
                            .get(outsiderTargets)
                            .json()
                            .get("signed")
                            .get("version")
                            .asLong())
                    .isEqualTo(before);
        }

        @Test
        void aChangeThatChangesNothingSignsNothing() {
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            long campaign = startedCampaign(release);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> count("director_change") == 0
                            && targetsVersion() >= 1
                            && fetch("targets.json").signed().get("targets").size() == 1);
            long version = targetsVersion();

            transactions.executeWithoutResult(s -> director.assignmentsChanged(campaign));
            await().atMost(Duration.ofSeconds(20)).until(() -> count("director_change") == 0);

            assertThat(targetsVersion()).isEqualTo(version);
        }

        /** Snapshot names the targets bytes served, timestamp the snapshot bytes; all three share the version. */
        void assertMetaChain(Root root, long version) {
            byte[] targets = raw("targets.json");
            byte[] snapshot = raw("snapshot.json");
            Envelope snap = Envelope.fromJson(JSON.readTree(snapshot));
            Envelope stamp = fetch("timestamp.json");
            assertThat(root.signedBy(snap, "snapshot")).isTrue();
            assertThat(root.signedBy(stamp, "timestamp")).isTrue();
            JsonNode targetsMeta = snap.signed().get("meta").get("targets.json");
            assertThat(targetsMeta.get("version").asLong()).isEqualTo(version);
            assertThat(targetsMeta.get("hashes").get("sha256").asString())
                    .isEqualTo(RoleMetadata.digest("sha256", targets));
            JsonNode snapshotMeta = stamp.signed().get("meta").get("snapshot.json");
            assertThat(snapshotMeta.get("version").asLong())
                    .isEqualTo(snap.signed().get("version").asLong());
            assertThat(snapshotMeta.get("length").asLong()).isEqualTo(snapshot.length);
            assertThat(snapshotMeta.get("hashes").get("sha256").asString())
                    .isEqualTo(RoleMetadata.digest("sha256", snapshot));
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
