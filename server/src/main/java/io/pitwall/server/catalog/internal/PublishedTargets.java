package io.pitwall.server.catalog.internal;

import io.pitwall.protocol.tuf.TargetEntry;
import io.pitwall.server.catalog.Image;
import io.pitwall.server.catalog.persistence.Images;
import io.pitwall.server.trust.spi.RepositoryTargets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The image repository lists every image with content that belongs to a published release. */
@Component
class PublishedTargets implements RepositoryTargets {

    private final Images images;

    PublishedTargets(Images images) {
        this.images = images;
    }

    @Override
    public Map<String, TargetEntry> current() {
        Map<String, TargetEntry> targets = new LinkedHashMap<>();
        for (Image image : images.published()) {
            targets.put(image.targetPath(), image.targetEntry());
        }
        return targets;
    }
}
