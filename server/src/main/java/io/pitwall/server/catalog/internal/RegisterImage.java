package io.pitwall.server.catalog.internal;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.catalog.Image;
import io.pitwall.server.catalog.NewImage;
import io.pitwall.server.catalog.persistence.Images;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers an image's metadata; the image then awaits its content. Refuses (409) a release counter,
 * version or target path its hardware id already has, so counters stay unique per hardware id.
 */
@Service
public class RegisterImage {

    private final Images images;
    private final CatalogSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RegisterImage(Images images, CatalogSettings settings, ApplicationEventPublisher events, Clock clock) {
        this.images = images;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Image register(NewImage image, CurrentOperator who) {
        if (image.declaredSize() != null && image.declaredSize() > settings.maxBytes()) {
            throw ApiException.unprocessable(
                    "invalid-size", "The declared size is above the maximum of " + settings.maxBytes() + " bytes");
        }
        if (images.counterTaken(image.hardwareId(), image.releaseCounter())) {
            throw ApiException.conflict(
                    "duplicate-release-counter",
                    "Hardware id " + image.hardwareId() + " already has an image with release counter "
                            + image.releaseCounter());
        }
        if (images.versionTaken(image.hardwareId(), image.version())) {
            throw ApiException.conflict(
                    "duplicate-image-version",
                    "Hardware id " + image.hardwareId() + " already has an image with version " + image.version());
        }
        String targetPath = Image.targetPath(image.hardwareId(), image.fileName());
        if (images.targetPathTaken(targetPath)) {
            throw ApiException.conflict(
                    "duplicate-target-path",
                    "An image with target path " + targetPath + " exists; give this image's file a distinct name");
        }
        long id;
        try {
            id = images.insert(image, who.username(), Refusals.now(clock));
        } catch (DuplicateKeyException raced) {
            throw ApiException.conflict(
                    "duplicate-image",
                    "An image with this release counter, version or target "
                            + "path was registered at the same moment");
        }
        events.publishEvent(Audited.succeeded(
                "image.create",
                "image:" + id,
                Map.of(
                        "hardwareId",
                        image.hardwareId(),
                        "version",
                        image.version(),
                        "releaseCounter",
                        image.releaseCounter(),
                        "targetPath",
                        targetPath)));
        return images.byId(id).orElseThrow();
    }
}
