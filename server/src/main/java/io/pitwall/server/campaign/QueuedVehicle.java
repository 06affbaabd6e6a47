package io.pitwall.server.campaign;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One vehicle of a campaign's exception queue, for modules that act on it (cases opens a case from it).
 *
 * @param kind   {@code TIMED_OUT}, {@code NO_PROGRESS}, {@code FAILED} or {@code DEFERRED}
 * @param status the assignment's state
 * @param reason why it is in the queue, in words: the failure category and code, the deferral reason, or
 *               how long it has not moved
 */
public record QueuedVehicle(
        long campaignId,
        String campaignName,
        String vin,
        String kind,
        String status,
        String reason,
        String failureCategory,
        String failureCode,
        OffsetDateTime since) {

    public QueuedVehicle {
        Objects.requireNonNull(vin, "vin");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    /** The queue's wording of a row's reason (the list endpoint shows the same). */
    public static String reason(
            String kind,
            String status,
            String failureCategory,
            String failureCode,
            String deferredReason,
            OffsetDateTime since) {
        return switch (kind) {
            case "TIMED_OUT" -> "in progress past the campaign's in-progress timeout";
            case "FAILED" -> failureCategory + (failureCode == null ? "" : ": " + failureCode);
            case "DEFERRED" -> deferredReason;
            default -> status + " with no progress since " + since;
        };
    }
}
