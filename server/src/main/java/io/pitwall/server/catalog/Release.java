package io.pitwall.server.catalog;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A named, versioned set of images, at most one per hardware id, with release notes.
 *
 * @param imageIds    the images, ordered by hardware id
 * @param report      the gate's verdict at publication; {@code null} while a draft
 * @param lockVersion optimistic-lock version of the stored row
 */
public record Release(
        long id,
        String name,
        String version,
        String notes,
        ReleaseStatus status,
        List<Long> imageIds,
        ReleaseReport report,
        String createdBy,
        OffsetDateTime createdAt,
        String publishedBy,
        OffsetDateTime publishedAt,
        long lockVersion) {

    public Release {
        imageIds = List.copyOf(imageIds);
    }
}
