package io.pitwall.server.inventory;

/** What an attack indicator on a vehicle records; stored as its name. */
public enum AttackKind {
    /** An ECU version report whose signature does not verify with the ECU's registered key. */
    FORGED_REPORT,
    /** A validly signed report whose counter is not above the last accepted one, or whose nonce is stale. */
    REPLAYED_REPORT,
    /** A report for an ECU that has no registered key on this vehicle. */
    UNKNOWN_ECU
}
