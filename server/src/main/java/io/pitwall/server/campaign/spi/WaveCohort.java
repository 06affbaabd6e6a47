package io.pitwall.server.campaign.spi;

import java.time.Instant;
import java.util.List;

/**
 * The two groups a post-update comparison needs for one wave: the wave's vehicles updated successfully (with
 * when their update ended) and the campaign's cohort not yet updated: vehicles its filter matches that carry
 * an ECU it could still update and that have no assignment of this campaign past delivery.
 */
public record WaveCohort(List<Updated> updated, List<String> notYetUpdated) {

    public WaveCohort {
        updated = List.copyOf(updated);
        notYetUpdated = List.copyOf(notYetUpdated);
    }

    /** A vehicle of the wave whose update succeeded at {@code updatedAt}. */
    public record Updated(String vin, Instant updatedAt) {}
}
