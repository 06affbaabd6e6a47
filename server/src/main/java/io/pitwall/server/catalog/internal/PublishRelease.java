package io.pitwall.server.catalog.internal;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.catalog.CheckResult;
import io.pitwall.server.catalog.Image;
import io.pitwall.server.catalog.Release;
import io.pitwall.server.catalog.ReleasePublished;
import io.pitwall.server.catalog.ReleaseReport;
import io.pitwall.server.catalog.ReleaseStatus;
import io.pitwall.server.catalog.persistence.Images;
import io.pitwall.server.catalog.persistence.Releases;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import io.pitwall.server.trust.ImageRepository;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes a draft release after the validation gate passes for every image (in the release's context)
 * and for the release as a whole; otherwise refuses with 422 {@code release-validation-failed} carrying
 * the report, and changes nothing. The full gate (which re-reads all content) runs first, outside any
 * transaction; the checks that depend on other publications run again under a publish lock, so two
 * releases cannot both publish counters that contradict each other. The image repository gets a new
 * targets version in the same transaction.
 */
@Service
public class PublishRelease {

    private final Releases releases;
    private final Images images;
    private final ValidationGate gate;
    private final ApplicationEventPublisher events;
    private final ImageRepository repository;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PublishRelease(
            Releases releases,
            Images images,
            ValidationGate gate,
            ApplicationEventPublisher events,
            ImageRepository repository,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.repository = repository;
        this.releases = releases;
        this.images = images;
        this.gate = gate;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    public Release publish(long releaseId, CurrentOperator who) {
        Release release = releases.byId(releaseId).orElseThrow(() -> Refusals.releaseNotFound(releaseId));
        requireDraft(release);
        ReleaseReport report = gate.validateRelease(images.byIds(release.imageIds()));
        refuseUnlessPassed(release, report);
        transaction.executeWithoutResult(tx -> {
            releases.lockPublishing();
            List<Image> current = images.byIds(release.imageIds());
            refuseUnlessPassed(release, gate.recheckRelease(current));
            if (!releases.publish(releaseId, release.lockVersion(), report, who.username(), Refusals.now(clock))) {
                requireDraft(releases.byId(releaseId).orElseThrow(() -> Refusals.releaseNotFound(releaseId)));
                throw new OptimisticLockingFailureException("release " + releaseId + " changed meanwhile");
            }
            // The image repository lists the release's images from now on: a new targets version (development
            // mode) plus snapshot and timestamp, committed together with the publication.
            repository.targetsChanged();
            events.publishEvent(new ReleasePublished(releaseId, release.name(), release.version(), release.imageIds()));
            events.publishEvent(Audited.succeeded(
                    "release.publish",
                    "release:" + releaseId,
                    Map.of(
                            "name",
                            release.name(),
                            "version",
                            release.version(),
                            "releaseCounters",
                            current.stream()
                                    .map(i -> i.hardwareId() + "=" + i.releaseCounter())
                                    .collect(Collectors.joining(",")))));
        });
        return releases.byId(releaseId).orElseThrow();
    }

    private static void requireDraft(Release release) {
        if (release.status() != ReleaseStatus.DRAFT) {
            throw ApiException.conflict(
                    "release-already-published", "Release " + release.id() + " is already published");
        }
    }

    private static void refuseUnlessPassed(Release release, ReleaseReport report) {
        if (report.passed()) {
            return;
        }
        String failed = java.util.stream.Stream.concat(
                        report.release().stream(), report.images().stream().flatMap(i -> i.checks().stream()))
                .filter(c -> !c.passed())
                .map(CheckResult::check)
                .distinct()
                .collect(Collectors.joining(", "));
        throw new ApiException(
                422,
                "release-validation-failed",
                "Release " + release.name() + " " + release.version() + " failed validation (" + failed
                        + "); see the report",
                Map.of("report", report));
    }
}
