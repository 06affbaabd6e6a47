package io.pitwall.server.catalog.internal;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.catalog.Image;
import io.pitwall.server.catalog.ImageStatus;
import io.pitwall.server.catalog.NewRelease;
import io.pitwall.server.catalog.Release;
import io.pitwall.server.catalog.persistence.Images;
import io.pitwall.server.catalog.persistence.Releases;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates a draft release from VALIDATED images, at most one per hardware id; name + version are unique. */
@Service
public class CreateRelease {

    private final Images images;
    private final Releases releases;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CreateRelease(Images images, Releases releases, ApplicationEventPublisher events, Clock clock) {
        this.images = images;
        this.releases = releases;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Release create(NewRelease release, CurrentOperator who) {
        List<Image> found = images.byIds(release.imageIds());
        if (found.size() != release.imageIds().size()) {
            var missing = new HashSet<>(release.imageIds());
            found.forEach(image -> missing.remove(image.id()));
            throw ApiException.unprocessable(
                    "unknown-image",
                    "No image with id "
                            + missing.stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        var hardwareIds = new HashSet<String>();
        for (Image image : found) {
            if (image.status() != ImageStatus.VALIDATED) {
                throw ApiException.unprocessable(
                        "image-not-validated",
                        "Image " + image.id() + " is " + image.status() + "; a release takes VALIDATED images only");
            }
            if (!hardwareIds.add(image.hardwareId())) {
                throw ApiException.unprocessable(
                        "duplicate-hardware-in-release",
                        "A release has at most one image per hardware id; " + image.hardwareId() + " appears twice");
            }
        }
        if (releases.exists(release.name(), release.version())) {
            throw ApiException.conflict(
                    "release-exists", "A release " + release.name() + " " + release.version() + " exists");
        }
        long id;
        try {
            id = releases.insert(release, found, who.username(), Refusals.now(clock));
        } catch (DuplicateKeyException raced) {
            throw ApiException.conflict(
                    "release-exists",
                    "A release " + release.name() + " " + release.version() + " was created at the same moment");
        }
        events.publishEvent(Audited.succeeded(
                "release.create",
                "release:" + id,
                Map.of("name", release.name(), "version", release.version(), "imageIds", release.imageIds())));
        return releases.byId(id).orElseThrow();
    }
}
