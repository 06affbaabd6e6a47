package io.pitwall.server.telemetry;

/** Why an event's data is less than trustworthy. Stored with the event; never a reason to drop it. */
public enum DataQuality {
    /** A type code this server does not know (the device API refuses such events since it can answer per event). */
    UNKNOWN_TYPE,
    /** occurredAt lies further in the future than the allowed clock skew. */
    FUTURE_TIMESTAMP,
    /** Events before this one are missing (not yet, or never, received); taken off once they arrive. */
    SEQUENCE_GAP,
    /** A later seq than every earlier event of the vehicle, but an earlier occurredAt: its clock went back. */
    OUT_OF_ORDER
}
