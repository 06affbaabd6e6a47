package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;

/**
 * A remote command for the vehicle (e.g. a diagnostic read). The vehicle answers each with one
 * {@code COMMAND_RESULT} event carrying the command id; a command past {@code expiresAt} is answered
 * {@code EXPIRED} without running. {@code type} is an open set: unknown types are answered
 * {@code UNSUPPORTED}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Command(String id, String type, Map<String, String> parameters, Instant expiresAt) {

    public Command {
        Require.text(id, "id");
        Require.text(type, "type");
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
