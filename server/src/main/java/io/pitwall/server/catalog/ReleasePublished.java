package io.pitwall.server.catalog;

import java.util.List;

/** Published in the transaction that publishes a release; its images' release counters are now published. */
public record ReleasePublished(long releaseId, String name, String version, List<Long> imageIds) {

    public ReleasePublished {
        imageIds = List.copyOf(imageIds);
    }
}
