package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The update a vehicle should perform now: one target per ECU. An assignment id identifies one attempt;
 * a vehicle that has finished an assignment (completed, failed, rolled back) never starts the same id
 * again, so a server-side retry is a new assignment id. {@code authorizedRollback} is set only on the
 * assignments of an approved rollback campaign: it is the one case in which the agent installs an image with
 * a lower release counter than the ECU runs (the known-good release the campaign rolls back to); the
 * image must still be signed by a trusted key. Written only when true (ordinary answers are unchanged on the
 * wire); absent, it reads as false. {@code policy} is the campaign's vehicle-state policy, written only when
 * present (older servers and campaigns without one leave it out; absent, the agent's own policy alone applies).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Assignment(
        String assignmentId,
        String campaignId,
        List<EcuTarget> ecus,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean authorizedRollback,
        @JsonInclude(JsonInclude.Include.NON_NULL) VehiclePolicy policy) {

    public Assignment {
        Require.text(assignmentId, "assignmentId");
        ecus = ecus == null ? List.of() : List.copyOf(ecus);
        if (ecus.isEmpty()) {
            throw new IllegalArgumentException("an assignment names at least one ECU");
        }
        policy = policy == null || policy.isEmpty() ? null : policy;
    }

    /** An assignment without a campaign policy. */
    public Assignment(String assignmentId, String campaignId, List<EcuTarget> ecus, boolean authorizedRollback) {
        this(assignmentId, campaignId, ecus, authorizedRollback, null);
    }

    /** An ordinary assignment: never below the installed release counter. */
    public Assignment(String assignmentId, String campaignId, List<EcuTarget> ecus) {
        this(assignmentId, campaignId, ecus, false, null);
    }

    /** Total bytes to download, used by the Wi-Fi rule. */
    public long totalLength() {
        return ecus.stream().mapToLong(EcuTarget::length).sum();
    }
}
