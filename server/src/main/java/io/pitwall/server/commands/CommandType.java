package io.pitwall.server.commands;

import io.pitwall.server.shared.ApiException;
import java.util.Arrays;

/**
 * What a remote diagnostic command asks of a vehicle; the name is what the agent receives as the command's
 * {@code type}. Clearing DTCs erases evidence, so on a safety-relevant ECU it needs a second approver.
 */
public enum CommandType {
    READ_DTCS,
    CLEAR_DTCS,
    READ_DATA,
    UPLOAD_LOGS;

    static CommandType parse(String name) {
        return Arrays.stream(values())
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest(
                        "invalid-command",
                        "'" + name + "' is not a command type; types are " + Arrays.toString(values())));
    }
}
