package io.pitwall.server.diagnostics.web;

import io.pitwall.protocol.dtc.DtcFault;
import io.pitwall.protocol.dtc.DtcSeverity;
import io.pitwall.protocol.dtc.UdsStatus;
import io.pitwall.server.shared.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The query filters of the SOVD faults resource, as Eclipse OpenSOVD serves them:
 * {@code status[<bit>]=true|false|1|0} (repeatable) and {@code status[mask]=<hex>} are OR-combined, a fault
 * matching any of them; {@code severity=<n>} keeps faults at least that severe ({@link #severityLevel}).
 * Anything else is refused as {@code invalid-fault-filter}: a misspelt filter never silently widens the answer.
 */
record SovdFaultFilter(List<Predicate<UdsStatus>> status, Integer severity) {

    static final String CODE = "invalid-fault-filter";

    /** SOVD's names of the eight ISO 14229-1 status bits, bit 0 first. */
    static final List<String> STATUS_KEYS = List.of(
            "test_failed",
            "test_failed_this_operation_cycle",
            "pending_dtc",
            "confirmed_dtc",
            "test_not_completed_since_last_clear",
            "test_failed_since_last_clear",
            "test_not_completed_this_operation_cycle",
            "warning_indicator_requested");

    SovdFaultFilter {
        status = List.copyOf(status);
    }

    /** Parses the request's query parameters; {@code allowed} names the other parameters the endpoint takes. */
    static SovdFaultFilter parse(Map<String, List<String>> query, List<String> allowed) {
        List<Predicate<UdsStatus>> status = new ArrayList<>();
        Integer severity = null;
        for (var parameter : query.entrySet()) {
            String name = parameter.getKey();
            for (String value : parameter.getValue()) {
                if (name.equals("severity")) {
                    severity = severity(value);
                } else if (name.equals("status[mask]")) {
                    int mask = hexByte(value);
                    status.add(s -> (s.mask() & mask) != 0);
                } else if (name.startsWith("status[") && name.endsWith("]")) {
                    int bit = STATUS_KEYS.indexOf(name.substring(7, name.length() - 1));
                    if (bit < 0) {
                        throw ApiException.badRequest(
                                CODE,
                                "Unknown status key in '" + name + "'; known: " + String.join(", ", STATUS_KEYS)
                                        + ", mask");
                    }
                    boolean wanted = bool(name, value);
                    status.add(s -> ((s.mask() >> bit) & 1) == 1 == wanted);
                } else if (!allowed.contains(name)) {
                    throw ApiException.badRequest(CODE, "Unknown query parameter '" + name + "'");
                }
            }
        }
        return new SovdFaultFilter(status, severity);
    }

    boolean matches(DtcFault fault) {
        if (!status.isEmpty() && (fault.status() == null || status.stream().noneMatch(p -> p.test(fault.status())))) {
            return false;
        }
        if (severity != null) {
            Integer level = severityLevel(fault.severity());
            return level != null && level <= severity;
        }
        return true;
    }

    /**
     * The SOVD severity of a fault, from the UDS severity byte's action bits: 1 check immediately, 2 check at
     * next halt, 3 maintenance only; {@code null} when the ECU reported no severity or none of these bits.
     */
    static Integer severityLevel(DtcSeverity severity) {
        if (severity == null) {
            return null;
        } else if (severity.checkImmediately()) {
            return 1;
        } else if (severity.checkAtNextHalt()) {
            return 2;
        } else if (severity.maintenanceOnly()) {
            return 3;
        }
        return null;
    }

    static boolean bool(String name, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1":
                return true;
            case "false", "0":
                return false;
            default:
                throw ApiException.badRequest(CODE, name + " is true, false, 1 or 0, not '" + value + "'");
        }
    }

    private static Integer severity(String value) {
        try {
            int level = Integer.parseInt(value);
            if (level >= 1 && level <= 3) {
                return level;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest(
                CODE,
                "severity is 1 (check immediately), 2 (check at next halt) or 3 (maintenance only), not '" + value
                        + "'");
    }

    private static int hexByte(String value) {
        String digits = value.startsWith("0x") || value.startsWith("0X") ? value.substring(2) : value;
        if (digits.matches("[0-9a-fA-F]{1,2}")) {
            return Integer.parseInt(digits, 16);
        }
        throw ApiException.badRequest(CODE, "status[mask] is one hex byte such as 0x09, not '" + value + "'");
    }
}
