package io.pitwall.protocol.dtc;

import io.pitwall.protocol.device.DeviceJson;
import io.pitwall.protocol.device.VehicleSignals;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The Pitwall OEM JSON DTC format (version 1): one object per ECU report.
 * <pre>
 * {"ecu": "BMS-0001",                       optional: the ECU serial
 *  "dtcs": [{"code": "P0A80-1B",            required: J2012 text
 *            "status": "0x2F",              optional: ISO 14229-1 status byte, "0x2F", "2F" or 47
 *            "severity": "0x40"}],          optional: DTCSeverity byte, same notations
 *  "vehicleState": {"Vehicle.Speed": 0.0}}  optional: COVESA VSS signals as in the check-in, in range
 * </pre>
 * A single fault may be given flat instead of {@code dtcs}: {@code {"ecu":"BMS-0001","code":"P0A80","status":"0x2F"}}.
 * {@code "dtcs": []} reports an empty fault memory. Unknown fields are ignored (tolerant reader).
 */
public final class OemDtcJson {

    private static final Pattern OCTET = Pattern.compile("(?i)(?:0x)?([0-9a-f]{1,2})");

    private OemDtcJson() {}

    public static DecodedDtcs parse(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidDtcException("no JSON given");
        }
        JsonNode root;
        try {
            root = DeviceJson.mapper().readTree(json);
        } catch (JacksonException e) {
            throw new InvalidDtcException("not JSON: " + Dtc.shorten(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidDtcException("the OEM DTC JSON is an object");
        }
        List<DtcFault> faults = new ArrayList<>();
        JsonNode dtcs = root.get("dtcs");
        if (dtcs != null && !dtcs.isNull()) {
            if (!dtcs.isArray()) {
                throw new InvalidDtcException("dtcs is an array");
            }
            for (int i = 0; i < dtcs.size(); i++) {
                faults.add(fault(dtcs.get(i), "dtcs[" + i + "]."));
            }
        } else if (root.has("code")) {
            faults.add(fault(root, ""));
        } else {
            throw new InvalidDtcException("neither code nor dtcs given");
        }
        return new DecodedDtcs(
                SourceFormat.OEM_JSON,
                faults,
                null,
                text(root.get("ecu"), "ecu"),
                vehicleState(root.get("vehicleState")));
    }

    private static DtcFault fault(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new InvalidDtcException(path + " is not an object");
        }
        Dtc dtc;
        try {
            dtc = Dtc.parse(text(node.get("code"), path + "code"));
        } catch (InvalidDtcException e) {
            throw new InvalidDtcException(path + "code: " + e.getMessage());
        }
        Integer status = octet(node.get("status"), path + "status");
        Integer severity = octet(node.get("severity"), path + "severity");
        return new DtcFault(
                dtc,
                status == null ? null : new UdsStatus(status),
                severity == null ? null : new DtcSeverity(severity),
                null);
    }

    private static String text(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidDtcException(name + " is text");
        }
        return node.asString();
    }

    private static Integer octet(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return null;
        }
        int value;
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            value = node.intValue();
        } else if (node.isString() && octet(node.asString()) >= 0) {
            value = octet(node.asString());
        } else {
            throw new InvalidDtcException(
                    name + " is one byte as 0x2F, 2F or 0-255, not " + Dtc.shorten(node.toString()));
        }
        if (value < 0 || value > 0xFF) {
            throw new InvalidDtcException(name + " is one byte (0-255), not " + value);
        }
        return value;
    }

    private static VehicleSignals vehicleState(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidDtcException("vehicleState is an object of VSS signals");
        }
        VehicleSignals signals;
        try {
            signals = DeviceJson.mapper().treeToValue(node, VehicleSignals.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new InvalidDtcException("vehicleState: " + Dtc.shorten(String.valueOf(e.getMessage())));
        }
        // A reading outside its VSS range (latitude 999) is not a vehicle state worth storing.
        signals.outOfRange().ifPresent(problem -> {
            throw new InvalidDtcException("vehicleState: " + problem);
        });
        return signals;
    }

    /** A byte written as {@code 0x2F} or {@code 2F} (any case, blanks around), or -1. */
    private static int octet(String text) {
        var m = OCTET.matcher(text.strip());
        return m.matches() ? Integer.parseInt(m.group(1), 16) : -1;
    }
}
