package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The update a vehicle should perform now: one target per ECU. An assignment id identifies one attempt;
 * a vehicle that has finished an assignment (completed, failed, rolled back) never starts the same id
 * again, so a server-side retry is a new assignment id.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Assignment(String assignmentId, String campaignId, List<EcuTarget> ecus) {

    public Assignment {
        Require.text(assignmentId, "assignmentId");
        ecus = ecus == null ? List.of() : List.copyOf(ecus);
        if (ecus.isEmpty()) {
            throw new IllegalArgumentException("an assignment names at least one ECU");
        }
    }

    /** Total bytes to download, used by the Wi-Fi rule. */
    public long totalLength() {
        return ecus.stream().mapToLong(EcuTarget::length).sum();
    }
}
