package io.pitwall.server.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.TestFleet;
import io.pitwall.server.trust.internal.RepositoryTestAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * An independent TUF client, the npm package tuf-js, refreshes the image repository from a trusted
 * {@code 1.root.json}, downloads and verifies a target, and refuses tampered and expired metadata. Needs node
 * and npm: skipped without them, unless {@code PITWALL_TEST_NODE_REQUIRED=true} (CI), then it fails.
 */
class TufJsIntegrationTests extends IntegrationTest {

    private static final Path WORK = TufJs.WORK;

    /** Why the check cannot run here, or null. */
    private static String unavailable;

    @Autowired
    ApplicationContext context;

    @BeforeAll
    static void installTufJs() throws Exception {
        unavailable = TufJs.install();
    }

    @BeforeEach
    void requireNode() {
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    @Test
    void tufJsRefreshesFromRootOneAndDownloadsAVerifiedTarget() throws Exception {
        var image = RepositoryFixtures.publishImage(admin, 3);
        Path root = trustedRoot();

        var ok = check(root, image.targetPath(), "ok");

        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output())
                .startsWith("OK 2048 " + io.pitwall.protocol.tuf.RoleMetadata.digest("sha256", image.bytes()))
                .contains("\"releaseCounter\":3")
                .contains(image.hardwareId());
    }

    @Test
    void aReleaseCounterAboveTwoToThe53IsRefusedAndTufJsStillReadsEveryTarget() throws Exception {
        String hardwareId = "TUFJS-UNSAFE-" + System.nanoTime();
        var refused = admin.post(
                "/api/v1/images",
                Map.of(
                        "hardwareId",
                        hardwareId,
                        "name",
                        "Firmware",
                        "version",
                        "1.0",
                        "releaseCounter",
                        9_007_199_254_740_993L,
                        "fileName",
                        "fw.bin",
                        "installType",
                        "AB",
                        "riskClass",
                        "LOW",
                        "ecuType",
                        "TCU",
                        "newHardware",
                        true));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("integer-out-of-range");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM image WHERE hardware_id = :hw")
                        .param("hw", hardwareId)
                        .query(Long.class)
                        .single())
                .isZero();

        var image = RepositoryFixtures.publishImage(admin, 9_007_199_254_740_991L);
        var ok = check(trustedRoot(), image.targetPath(), "ok");

        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("\"releaseCounter\":9007199254740991");
    }

    @Test
    void tufJsRefusesTamperedTargetsMetadataAndATamperedTargetFile() throws Exception {
        var image = RepositoryFixtures.publishImage(admin, 4);
        Path root = trustedRoot();

        var targets = check(root, image.targetPath(), "tamper-targets");
        assertThat(targets.exit()).as(targets.output()).isEqualTo(1);
        assertThat(targets.output()).startsWith("FAIL").contains("targets");

        var file = check(root, image.targetPath(), "tamper-target-file");
        assertThat(file.exit()).as(file.output()).isEqualTo(1);
        assertThat(file.output()).startsWith("FAIL LengthOrHashMismatchError");
    }

    @Test
    void tufJsRefusesAnExpiredTimestamp() throws Exception {
        var image = RepositoryFixtures.publishImage(admin, 5);
        Path root = trustedRoot();
        var access = RepositoryTestAccess.of(context);
        access.publishTimestampAt(Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC));
        try {
            var expired = check(root, image.targetPath(), "ok");
            assertThat(expired.exit()).as(expired.output()).isEqualTo(1);
            assertThat(expired.output()).startsWith("FAIL ExpiredMetadataError").contains("timestamp");
        } finally {
            assertThat(access.refreshAt(Clock.systemUTC())).isTrue();
        }
        var renewed = check(root, image.targetPath(), "ok");
        assertThat(renewed.exit())
                .as("the re-signed timestamp is accepted again: " + renewed.output())
                .isZero();
    }

    @Test
    void tufJsRefusesARolledBackTimestampAfterItTrustedANewerOne() throws Exception {
        var image = RepositoryFixtures.publishImage(admin, 6);
        Path root = trustedRoot();
        Path work = WORK.resolve("client-rollback");
        assertThat(check(root, image.targetPath(), "ok", work).exit()).isZero();
        long latest = jdbc.sql("SELECT MAX(meta_version) FROM repository_metadata WHERE role_name = 'timestamp'")
                .query(Long.class)
                .single();
        Path old = WORK.resolve("old-timestamp.json");
        Files.writeString(
                old,
                jdbc.sql("SELECT body FROM repository_metadata WHERE role_name = 'timestamp' AND "
                                + "meta_version = :v")
                        .param("v", latest - 1)
                        .query(String.class)
                        .single());

        var replayed = check(
                root,
                image.targetPath(),
                "replay-timestamp",
                work,
                old.toAbsolutePath().toString());

        assertThat(replayed.exit()).as(replayed.output()).isEqualTo(1);
        assertThat(replayed.output()).startsWith("FAIL BadVersionError").contains("timestamp");
    }

    @Test
    void tufJsRefreshesOneVehiclesDirectorRepositoryAndRefusesTamperedDirectorTargets() throws Exception {
        var fleet = new TestFleet(jdbc, admin);
        String hardwareId = "TUFJS-DIRECTOR-HW";
        String vin = fleet.vehicle("TufJs-" + hardwareId, "EU", "1.0.0", hardwareId);
        String token = admin.post("/api/v1/vehicles/" + vin + "/credentials", "")
                .json()
                .get("token")
                .asString();
        var vehicle = admin.anonymous().withToken(token);
        String director = "/device/v1/vehicles/" + vin + "/director/";
        long empty = vehicle.get(director + "targets.json")
                .json()
                .get("signed")
                .get("version")
                .asLong();
        var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
        var manager = operatorWith(Role.RELEASE_MANAGER);
        long campaign = manager.post(
                        "/api/v1/campaigns",
                        Map.of(
                                "name",
                                "tuf-js director",
                                "releaseId",
                                release.releaseId(),
                                "filter",
                                Map.of("model", "TufJs-" + hardwareId)))
                .json()
                .get("id")
                .asLong();
        campaignSteps().approvedCampaign(manager, campaign, release.knownGoodReleaseId());
        assertThat(admin.post("/api/v1/campaigns/" + campaign + "/start", "").status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> vehicle.get(director + "targets.json")
                                .json()
                                .get("signed")
                                .get("version")
                                .asLong()
                        > empty);
        Path root = WORK.resolve("trusted-director-1.root.json");
        Files.writeString(root, vehicle.get(director + "1.root.json").body());

        var ok = check(root, vin, "director", WORK.resolve("client-director"), token);

        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output())
                .startsWith("OK-DIRECTOR " + (empty + 1) + " " + vin + " ")
                .contains(release.sha256())
                .contains("\"ecuIdentifiers\":{\"" + hardwareId + "-" + vin + "\"");

        var tampered = check(root, vin, "director-tamper-targets", WORK.resolve("client-director-tamper"), token);

        assertThat(tampered.exit()).as(tampered.output()).isEqualTo(1);
        assertThat(tampered.output()).startsWith("FAIL");
    }

    private Path trustedRoot() throws IOException {
        Path root = WORK.resolve("trusted-1.root.json");
        Files.write(root, RepositoryFixtures.bytes(api, "/repo/1.root.json"));
        return root;
    }

    private TufJs.Result check(Path root, String targetPath, String mode) throws Exception {
        return check(root, targetPath, mode, WORK.resolve("client-" + mode));
    }

    private TufJs.Result check(Path root, String targetPath, String mode, Path work, String... more) throws Exception {
        return TufJs.check(port, root, targetPath, mode, work, more);
    }
}
