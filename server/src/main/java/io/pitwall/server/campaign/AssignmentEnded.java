package io.pitwall.server.campaign;

import java.time.Instant;
import java.util.Objects;

/**
 * Published in the ingesting transaction when a vehicle's assignment ends {@code FAILED} or {@code ROLLED_BACK},
 * so listeners (service cases) commit or roll back with the report that ended it. Published once per assignment:
 * an assignment never leaves these states.
 *
 * @param status          {@code FAILED} or {@code ROLLED_BACK}
 * @param failureCategory the {@link FailureCategory} name
 * @param failureCode     the code the vehicle reported, or the trigger's name when it gave none
 */
public record AssignmentEnded(
        long assignmentId,
        long campaignId,
        String vin,
        String status,
        String failureCategory,
        String failureCode,
        Instant at) {

    public AssignmentEnded {
        Objects.requireNonNull(vin, "vin");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }
}
