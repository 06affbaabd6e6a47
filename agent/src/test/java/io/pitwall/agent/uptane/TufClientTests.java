package io.pitwall.agent.uptane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.agent.storage.FileStorage;
import io.pitwall.agent.uptane.UptanePrimary.VerifiedImage;
import io.pitwall.protocol.tuf.Ed25519;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TufClientTests {

    @Test
    void verifiesAnAssignedImageThatBothRepositoriesAgreeOn() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            List<VerifiedImage> images = f.verify();

            assertThat(images).singleElement().satisfies(image -> {
                assertThat(image.ecuSerial()).isEqualTo("ecu-1");
                assertThat(image.releaseCounter()).isEqualTo(6);
                assertThat(image.rollback()).isFalse();
                assertThat(image.image().verify(UptaneFixture.IMAGE)).isEqualTo(UptaneFixture.IMAGE);
            });
            assertThat(f.storage.metadata().read("director.targets.json")).isPresent();
            assertThat(f.storage.metadata().read("image.snapshot.json")).isPresent();
        }
    }

    @Test
    void anUnchangedRepositoryCostsOneRootProbeAndOneTimestampAfterARestart() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            f.verify();
            f.restart();
            f.image.requests.clear();

            f.verify();

            assertThat(f.image.requests).containsExactly("2.root.json", "timestamp.json");
        }
    }

    @Test
    void newTargetsAreFetchedByTheVersionsTheSnapshotNames() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            f.verify();
            f.release("fw/a-7.bin", "seven".getBytes(), "HW-A", 7);
            f.image.publish();
            f.image.requests.clear();

            f.verify();

            assertThat(f.image.requests)
                    .containsExactly("2.root.json", "timestamp.json", "2.snapshot.json", "2.targets.json");
            assertThat(f.imageClient.findTarget("fw/a-7.bin")).isPresent();
        }
    }

    @Test
    void aRootSignedByTheOldAndTheNewKeysIsFollowedAndPersisted(@TempDir Path dir) throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            var old = List.copyOf(f.image.keys.get("root"));
            f.image.keys.put("root", List.of(Ed25519.generate()));
            f.image.publishRoot(List.of(old.get(0), f.image.keys.get("root").get(0)));
            f.image.keys.put("root", List.of(f.image.keys.get("root").get(0)));

            f.verify();

            assertThat(f.imageClient.rootVersion()).isEqualTo(2);
            f.restart();
            f.verify();
            assertThat(f.imageClient.rootVersion()).isEqualTo(2);
        }
    }

    @Test
    void onlyTheFinalRootOfTheChainMustBeUnexpired() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            f.image.rootLifetime = Duration.ofDays(-1);
            f.image.publishRoot();
            f.image.rootLifetime = Duration.ofDays(365);
            f.image.publishRoot();

            f.verify();

            assertThat(f.imageClient.rootVersion()).isEqualTo(3);
            f.image.rootLifetime = Duration.ofDays(-1);
            f.image.publishRoot();
            assertThatThrownBy(f::verify)
                    .extracting(e -> ((UptaneRejected) e).code())
                    .isEqualTo("expired");
        }
    }

    @Test
    void trustedMetadataSurvivesARestartOnTheFileStorage(@TempDir Path dir) throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard();
                FileStorage storage = FileStorage.open(dir)) {
            TrustedTime time = new TrustedTime(f.clock, storage.metadata());
            TufClient client =
                    new TufClient("image", f.image.fetcher(f.deadline), storage.metadata(), time, Limits.defaults());
            client.provision(f.image.files.get("1.root.json"));
            client.refresh();
            f.image.requests.clear();

            TufClient again = new TufClient(
                    "image",
                    f.image.fetcher(f.deadline),
                    storage.metadata(),
                    new TrustedTime(f.clock, storage.metadata()),
                    Limits.defaults());
            again.refresh();

            assertThat(f.image.requests).containsExactly("2.root.json", "timestamp.json");
            assertThat(again.findTarget("fw/a-6.bin")).isPresent();
            assertThat(dir.resolve("metadata/image.targets.json")).exists();
        }
    }

    @Test
    void aClientWithoutAProvisionedRootRefusesToStart() throws Exception {
        try (UptaneFixture f = new UptaneFixture().standard()) {
            TufClient client = new TufClient(
                    "image",
                    f.image.fetcher(f.deadline),
                    f.storage.metadata(),
                    new TrustedTime(f.clock, f.storage.metadata()),
                    Limits.defaults());

            assertThatThrownBy(client::refresh)
                    .isInstanceOf(UptaneRejected.class)
                    .extracting(e -> ((UptaneRejected) e).code())
                    .isEqualTo("no-trusted-root");
        }
    }

    @Test
    void anAuthorizedRollbackNeedsTheFlagOnBothSides() throws Exception {
        try (UptaneFixture f = new UptaneFixture()) {
            f.release("fw/a-3.bin", UptaneFixture.IMAGE, "HW-A", 3);
            f.assign(
                    "fw/a-3.bin",
                    UptaneFixture.IMAGE,
                    "ecu-1",
                    "HW-A",
                    3,
                    HostileRepository.JSON.createObjectNode().put("authorizedRollback", true));
            f.image.publish();
            f.director.publish();

            assertThatThrownBy(f::verify)
                    .extracting(e -> ((UptaneRejected) e).code())
                    .isEqualTo("release-counter-lower");
            f.allowAuthorizedRollback = true;
            f.restart();
            assertThat(f.verify())
                    .singleElement()
                    .extracting(VerifiedImage::rollback)
                    .isEqualTo(true);
        }
    }
}
