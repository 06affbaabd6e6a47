package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Answer to a check-in: when to check in next (server-directed, already jittered by the server), the
 * active assignment if any ({@code null} when none, which also withdraws one the vehicle has not begun
 * to install), and pending remote commands. {@code reportNonce} (absent unless the server wants one) asks
 * the vehicle for fresh ECU-signed version reports carrying this nonce in its next check-in.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckinResponse(int pollAfterSeconds, Assignment assignment, List<Command> commands, String reportNonce) {

    public CheckinResponse {
        if (pollAfterSeconds < 0) {
            throw new IllegalArgumentException("pollAfterSeconds must not be negative");
        }
        commands = commands == null ? List.of() : List.copyOf(commands);
        if (reportNonce != null && (reportNonce.isEmpty() || reportNonce.length() > 64)) {
            throw new IllegalArgumentException("reportNonce has 1 to 64 characters");
        }
    }

    /** An answer that asks for no ECU reports. */
    public CheckinResponse(int pollAfterSeconds, Assignment assignment, List<Command> commands) {
        this(pollAfterSeconds, assignment, commands, null);
    }
}
