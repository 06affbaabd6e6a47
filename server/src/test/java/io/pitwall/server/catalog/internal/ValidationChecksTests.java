package io.pitwall.server.catalog.internal;

import static io.pitwall.server.catalog.internal.TestImages.copy;
import static io.pitwall.server.catalog.internal.TestImages.fleet;
import static io.pitwall.server.catalog.internal.TestImages.image;
import static io.pitwall.server.catalog.internal.TestImages.withContent;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.protocol.tuf.Ed25519;
import io.pitwall.protocol.tuf.SignedTarget;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.server.catalog.CheckResult;
import io.pitwall.server.catalog.Dependency;
import io.pitwall.server.catalog.Image;
import io.pitwall.server.catalog.StoredArtifact;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationChecksTests {

    private static final ValidationScope UPLOAD = ValidationScope.AT_UPLOAD;

    @Nested
    class HashAndSize {

        @TempDir
        Path dir;

        @Test
        void passesWhenTheStoredBytesMatchAndFailsWhenTheyChanged() throws Exception {
            var store = new FileSystemArtifactStore(dir);
            StoredArtifact stored = store.put(new ByteArrayInputStream(new byte[] {1, 2, 3}), 100);
            var check = new HashAndSizeCheck(store);
            Image image = withContent(image(1, "HW", "1.0", 1), 3, stored.sha256(), stored.sha512());
            assertThat(check.check(image, UPLOAD).passed()).isTrue();

            Files.write(dir.resolve(stored.sha256().substring(0, 2)).resolve(stored.sha256()), new byte[] {1, 2, 4});
            var altered = check.check(image, UPLOAD);
            assertThat(altered.passed()).isFalse();
            assertThat(altered.reason()).contains("no longer matches");
        }

        @Test
        void failsWithoutContentWithMissingContentAndOnADeclaredSizeMismatch() {
            var check = new HashAndSizeCheck(new FileSystemArtifactStore(dir));
            assertThat(check.check(image(1, "HW", "1.0", 1), UPLOAD).reason()).contains("no content");
            Image missing = withContent(image(1, "HW", "1.0", 1), 3);
            assertThat(check.check(missing, UPLOAD).reason()).contains("missing from the artifact store");
            Image declared = copy(missing, false, 4L, 1);
            assertThat(check.check(declared, UPLOAD).reason()).contains("declared size 4");
            assertThat(check.readsContent()).isTrue();
        }
    }

    @Nested
    class Signature {

        private final SignatureCheck check = new SignatureCheck(TestImages.TRUSTED);

        @Test
        void passesForTheImagesEntrySignedByATrustedKey() {
            var result = check.check(withContent(image(1, "HW", "1.0", 1), 10), UPLOAD);
            assertThat(result.passed()).as(result.reason()).isTrue();
            assertThat(result.reason()).contains(TestImages.PUBLIC.keyId());
        }

        @Test
        void failsForAnUntrustedKeyAnotherPathAnAlteredEntryOrNoSignature() {
            Image good = withContent(image(1, "HW", "1.0", 1), 10);
            var stranger = Ed25519.generate();
            Image untrusted = good.withContent(
                    good.content(),
                    SignedTarget.sign(
                            good.targetPath(),
                            good.targetEntry(),
                            TufKey.of(stranger.getPublic()),
                            stranger.getPrivate()));
            Image otherPath = good.withContent(good.content(), TestImages.sign(good, "HW/other.bin"));
            Image otherCounter = copy(good, false, null, 2);
            Image unsigned = good.withContent(good.content(), null);

            assertThat(check.check(untrusted, UPLOAD).reason()).contains("no valid signature");
            assertThat(check.check(otherPath, UPLOAD).reason()).contains("another target path");
            assertThat(check.check(otherCounter, UPLOAD).reason()).contains("does not match the image");
            assertThat(check.check(unsigned, UPLOAD).passed()).isFalse();
        }
    }

    @Nested
    class ReleaseCounter {

        private ReleaseCounterCheck publishedAt(long counter) {
            return new ReleaseCounterCheck((hw, excluding) -> OptionalLong.of(counter));
        }

        @Test
        void passesAboveTheNewestPublishedCounterOrWhenNoneIsPublished() {
            Image image = image(7, "HW", "1.0", 10);
            assertThat(publishedAt(9).check(image, UPLOAD).passed()).isTrue();
            assertThat(new ReleaseCounterCheck((hw, excluding) -> OptionalLong.empty())
                            .check(image, UPLOAD)
                            .passed())
                    .isTrue();
        }

        @Test
        void refusesAnEqualOrLowerCounterUnlessAuthorizedAsRollback() {
            Image image = image(7, "HW", "1.0", 10);
            assertThat(publishedAt(10).check(image, UPLOAD).passed())
                    .as("equal")
                    .isFalse();
            var lower = publishedAt(11).check(image, UPLOAD);
            assertThat(lower.passed()).isFalse();
            assertThat(lower.reason()).contains("rollback authorization");
            Image authorized =
                    image.withRollback(new Image.RollbackAuthorization("field issue", "sec", OffsetDateTime.now()));
            assertThat(publishedAt(11).check(authorized, UPLOAD).passed()).isTrue();
        }

        @Test
        void asksForCountersOfTheImagesHardwareIdLeavingTheImageOut() {
            var asked = new java.util.ArrayList<String>();
            new ReleaseCounterCheck((hw, excluding) -> {
                        asked.add(hw + "/" + excluding);
                        return OptionalLong.empty();
                    })
                    .check(image(7, "HW", "1.0", 10), UPLOAD);
            assertThat(asked).containsExactly("HW/7");
        }
    }

    @Nested
    class Dependencies {

        private final Image app = image(1, "APP", "2.0", 2, new Dependency("BASE", "3.0"));

        private DependenciesCheck check(Map<String, Set<String>> fleet, List<String> catalog) {
            return new DependenciesCheck(fleet(fleet), hw -> catalog);
        }

        @Test
        void atUploadAValidatedCatalogImageOrTheFleetMeetsADependency() {
            assertThat(check(Map.of(), List.of("3.1")).check(app, UPLOAD).passed())
                    .isTrue();
            assertThat(check(Map.of("BASE", Set.of("3.0")), List.of())
                            .check(app, UPLOAD)
                            .passed())
                    .isTrue();
            var unmet = check(Map.of("BASE", Set.of("2.9")), List.of("2.10")).check(app, UPLOAD);
            assertThat(unmet.passed()).isFalse();
            assertThat(unmet.reason()).contains("BASE >= 3.0");
        }

        @Test
        void inAReleaseOnlyTheReleaseOrTheFleetMeetsADependency() {
            var check = check(Map.of(), List.of("9.0"));
            var alone = new ValidationScope.InRelease(List.of(app));
            assertThat(check.check(app, alone).passed())
                    .as("catalog does not count")
                    .isFalse();
            var withBase = new ValidationScope.InRelease(List.of(app, image(2, "BASE", "3.0.1", 5)));
            CheckResult met = check.check(app, withBase);
            assertThat(met.passed()).isTrue();
            assertThat(met.reason()).contains("in the release: 3.0.1");
            var installed =
                    check(Map.of("BASE", Set.of("1.0", "4.0")), List.of()).check(app, alone);
            assertThat(installed.reason()).contains("installed in the fleet: 4.0");
        }

        @Test
        void noDependenciesPass() {
            assertThat(check(Map.of(), List.of())
                            .check(image(1, "X", "1", 1), UPLOAD)
                            .passed())
                    .isTrue();
        }
    }

    @Nested
    class Compatibility {

        @Test
        void knownHardwareOrDeclaredNewHardwarePasses() {
            var check = new CompatibilityCheck(fleet(Map.of("HW", Set.of("1.0"))));
            assertThat(check.check(image(1, "HW", "1.0", 1), UPLOAD).passed()).isTrue();
            Image unknown = image(2, "NEW", "1.0", 1);
            assertThat(check.check(unknown, UPLOAD).passed()).isFalse();
            assertThat(check.check(copy(unknown, true, null, 1), UPLOAD).passed())
                    .isTrue();
        }
    }

    @Nested
    class SizePolicy {

        @Test
        void acceptsOneByteUpToTheMaximum() {
            var check = new SizePolicyCheck(100);
            Image base = image(1, "HW", "1.0", 1);
            assertThat(check.check(withContent(base, 0), UPLOAD).passed()).isFalse();
            assertThat(check.check(withContent(base, 1), UPLOAD).passed()).isTrue();
            assertThat(check.check(withContent(base, 100), UPLOAD).passed()).isTrue();
            assertThat(check.check(withContent(base, 101), UPLOAD).passed()).isFalse();
            assertThat(check.check(base, UPLOAD).passed()).isFalse();
        }
    }
}
