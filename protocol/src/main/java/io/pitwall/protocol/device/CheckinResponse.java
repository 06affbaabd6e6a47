package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Answer to a check-in: when to check in next (server-directed, already jittered by the server), the
 * active assignment if any ({@code null} when none, which also withdraws one the vehicle has not begun
 * to install), and pending remote commands.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckinResponse(int pollAfterSeconds, Assignment assignment, List<Command> commands) {

    public CheckinResponse {
        if (pollAfterSeconds < 0) {
            throw new IllegalArgumentException("pollAfterSeconds must not be negative");
        }
        commands = commands == null ? List.of() : List.copyOf(commands);
    }
}
