package io.pitwall.server.catalog.internal;

import io.pitwall.server.catalog.CheckResult;
import io.pitwall.server.catalog.Image;
import io.pitwall.server.catalog.ReleaseReport;
import io.pitwall.server.catalog.ValidationReport;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The package validation gate: every {@link ValidationCheck} on an image, at upload and again for each
 * image of a release before it is published, plus {@code release-composition} for the release as a whole
 * (at least one image, at most one per hardware id, every image with content). A check that cannot run
 * counts as failed; the gate itself never throws for a bad image.
 */
public class ValidationGate {

    public static final String RELEASE_COMPOSITION = "release-composition";
    private static final Logger log = LoggerFactory.getLogger(ValidationGate.class);
    private final List<ValidationCheck> checks;

    public ValidationGate(List<ValidationCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    public ValidationReport validate(Image image, ValidationScope scope) {
        return run(image, scope, check -> true);
    }

    public ReleaseReport validateRelease(List<Image> images) {
        return release(images, check -> true);
    }

    /** The release gate without the checks that re-read content; run again under the publish lock. */
    public ReleaseReport recheckRelease(List<Image> images) {
        return release(images, check -> !check.readsContent());
    }

    private ReleaseReport release(List<Image> images, Predicate<ValidationCheck> which) {
        var scope = new ValidationScope.InRelease(images);
        var reports = images.stream()
                .map(image -> {
                    var report = run(image, scope, which);
                    return new ReleaseReport.ImageReport(
                            image.id(), image.hardwareId(), image.targetPath(), report.passed(), report.checks());
                })
                .toList();
        return ReleaseReport.of(List.of(composition(images)), reports);
    }

    private ValidationReport run(Image image, ValidationScope scope, Predicate<ValidationCheck> which) {
        return ValidationReport.of(checks.stream()
                .filter(which)
                .map(check -> safely(check, image, scope))
                .toList());
    }

    private static CheckResult safely(ValidationCheck check, Image image, ValidationScope scope) {
        try {
            return check.check(image, scope);
        } catch (RuntimeException e) {
            log.warn("Validation check {} could not run for image {}", check.name(), image.id(), e);
            return CheckResult.fail(
                    check.name(), "the check could not run: " + e.getClass().getSimpleName());
        }
    }

    static CheckResult composition(List<Image> images) {
        if (images.isEmpty()) {
            return CheckResult.fail(RELEASE_COMPOSITION, "the release has no images");
        }
        Set<String> hardwareIds = new HashSet<>();
        for (Image image : images) {
            if (!hardwareIds.add(image.hardwareId())) {
                return CheckResult.fail(
                        RELEASE_COMPOSITION, "more than one image for hardware id " + image.hardwareId());
            }
            if (image.content() == null) {
                return CheckResult.fail(RELEASE_COMPOSITION, "image " + image.id() + " has no content");
            }
        }
        return CheckResult.pass(RELEASE_COMPOSITION, images.size() + " images, one per hardware id");
    }
}
