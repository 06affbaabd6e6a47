package io.pitwall.server.diagnostics;

/** Why a DTC report is less than trustworthy. Stored with the report; never a reason to drop it. */
public enum ReportQuality {
    /** The payload could not be decoded; the report holds the reason and no faults. */
    MALFORMED_PAYLOAD,
    /** No ECU named, or one the inventory does not list for this vehicle: type and firmware are unknown. */
    UNKNOWN_ECU,
    /** The event's occurredAt lies in the future beyond the allowed clock skew (flagged by telemetry). */
    FUTURE_TIMESTAMP,
    /** Events before this one are missing (flagged by telemetry; taken off once they arrive). */
    SEQUENCE_GAP,
    /** The vehicle's clock went back: a later event claims an earlier time (flagged by telemetry). */
    OUT_OF_ORDER,
    /**
     * The vehicle already sent this ECU's report of this instant with the same faults (again, under a new seq):
     * kept, but its faults are not counted again (patterns, rules, fleet counts, the regression gate).
     */
    DUPLICATE
}
