package io.pitwall.server.catalog.internal;

import io.pitwall.server.shared.ApiException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Refusals and small helpers the catalog's use cases share. */
final class Refusals {

    private Refusals() {}

    static ApiException imageNotFound(long id) {
        return ApiException.notFound("image-not-found", "No image with id " + id);
    }

    static ApiException releaseNotFound(long id) {
        return ApiException.notFound("release-not-found", "No release with id " + id);
    }

    /** Timestamps at the precision both databases keep, in UTC. */
    static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
