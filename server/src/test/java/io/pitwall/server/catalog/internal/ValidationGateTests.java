package io.pitwall.server.catalog.internal;

import static io.pitwall.server.catalog.internal.TestImages.fleet;
import static io.pitwall.server.catalog.internal.TestImages.image;
import static io.pitwall.server.catalog.internal.TestImages.withContent;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.catalog.CheckResult;
import io.pitwall.server.catalog.Image;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationGateTests {

    @TempDir
    Path dir;

    private ValidationGate gate(ReleaseCounterCheck.PublishedCounters counters) {
        var fleet = fleet(Map.of("A", Set.of("1.0"), "B", Set.of("1.0")));
        return new ValidationGate(List.of(
                new HashAndSizeCheck(new FileSystemArtifactStore(dir)),
                new SignatureCheck(TestImages.TRUSTED),
                new ReleaseCounterCheck(counters),
                new DependenciesCheck(fleet, hw -> List.of()),
                new CompatibilityCheck(fleet),
                new SizePolicyCheck(1000)));
    }

    @Test
    void reportsEveryCheckByNameInOrder() {
        var report = gate((hw, id) -> OptionalLong.empty())
                .validate(withContent(image(1, "A", "2.0", 2), 10), ValidationScope.AT_UPLOAD);
        assertThat(report.checks())
                .extracting(CheckResult::check)
                .containsExactly(
                        "hash-and-size",
                        "signature",
                        "release-counter",
                        "dependencies",
                        "compatibility",
                        "size-policy");
        assertThat(report.passed()).as("content is not in the store").isFalse();
        assertThat(report.checks().stream().filter(c -> !c.passed()))
                .extracting(CheckResult::check)
                .containsExactly("hash-and-size");
    }

    @Test
    void aCheckThatCannotRunCountsAsFailed() {
        var report = gate((hw, id) -> {
                    throw new IllegalStateException("database down");
                })
                .validate(withContent(image(1, "A", "2.0", 2), 10), ValidationScope.AT_UPLOAD);
        var counter = report.checks().get(2);
        assertThat(counter.passed()).isFalse();
        assertThat(counter.reason()).contains("could not run");
    }

    @Test
    void theReleaseGateChecksCompositionAndEachImageInTheReleaseContext() {
        Image a = withContent(image(1, "A", "2.0", 2), 10);
        Image a2 = withContent(image(2, "A", "2.1", 3), 10);
        Image b = withContent(image(3, "B", "1.0", 1), 10);
        var gate = gate((hw, id) -> OptionalLong.empty());

        var twoOfOne = gate.recheckRelease(List.of(a, a2));
        assertThat(twoOfOne.passed()).isFalse();
        assertThat(twoOfOne.release().get(0).reason()).contains("more than one image for hardware id A");

        var fine = gate.recheckRelease(List.of(a, b));
        assertThat(fine.passed()).as(fine.toString()).isTrue();
        assertThat(fine.images()).hasSize(2);
        assertThat(fine.images().get(0).checks()).extracting(CheckResult::check).doesNotContain("hash-and-size");

        assertThat(gate.validateRelease(List.of()).release().get(0).reason()).contains("no images");
        assertThat(gate.validateRelease(List.of(image(4, "B", "1.1", 2)))
                        .release()
                        .get(0)
                        .reason())
                .contains("has no content");
    }
}
