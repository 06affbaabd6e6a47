package io.pitwall.server.commands;

import io.pitwall.protocol.device.DeviceJson;
import io.pitwall.server.shared.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Checks what an operator sends with a command: bounded, printable, and what each type needs. */
final class CommandInput {

    static final String CODE = "invalid-command";
    private static final int MAX_PARAMETERS = 20;
    /** The parameters are stored as one JSON object in a column of this many characters. */
    static final int MAX_PARAMETERS_JSON = 2000;

    private CommandInput() {}

    static Map<String, String> parameters(CommandType type, Map<String, String> given) {
        Map<String, String> parameters = given == null ? Map.of() : given;
        if (parameters.size() > MAX_PARAMETERS) {
            throw ApiException.badRequest(CODE, "At most " + MAX_PARAMETERS + " parameters");
        }
        Map<String, String> checked = new TreeMap<>();
        parameters.forEach((key, value) -> {
            checked.put(text(key, 64, "parameter name"), text(value, 500, "parameter '" + key + "'"));
        });
        if (new String(DeviceJson.write(checked), StandardCharsets.UTF_8).length() > MAX_PARAMETERS_JSON) {
            throw ApiException.badRequest(
                    CODE, "The parameters take at most " + MAX_PARAMETERS_JSON + " characters as JSON");
        }
        if (checked.containsKey("ecuSerial")) {
            throw ApiException.badRequest(CODE, "Name the ECU with the request's ecuSerial, not a parameter");
        }
        if (type == CommandType.READ_DATA
                && !checked.containsKey("signals")
                && !checked.containsKey("dataIdentifiers")) {
            throw ApiException.badRequest(
                    CODE,
                    "READ_DATA needs the parameter 'signals' (VSS paths, comma-separated)"
                            + " or 'dataIdentifiers' (UDS DIDs in hex, comma-separated)");
        }
        return new LinkedHashMap<>(checked);
    }

    static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.badRequest(CODE, "A reason (or comment) is required");
        }
        return text(reason.strip(), 500, "reason");
    }

    private static String text(String value, int max, String field) {
        if (value == null || value.isEmpty() || value.length() > max) {
            throw ApiException.badRequest(CODE, field + " is 1 to " + max + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(CODE, field + " contains a control character");
        }
        return value;
    }
}
