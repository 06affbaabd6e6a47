package io.pitwall.server.diagnostics;

/**
 * Where a diagnostic command is. {@code AWAITING_APPROVAL → PENDING → DELIVERED → SUCCEEDED | FAILED |
 * UNSUPPORTED | EXPIRED}; {@code AWAITING_APPROVAL} or {@code PENDING} may be {@code CANCELLED}; anything not
 * answered by its expiry time becomes {@code EXPIRED}. Only the vehicle's answer ends a delivered command
 * early: a vehicle may already be running it.
 */
public enum CommandStatus {
    AWAITING_APPROVAL, PENDING, DELIVERED, SUCCEEDED, FAILED, UNSUPPORTED, EXPIRED, CANCELLED;

    public boolean open() {
        return this == AWAITING_APPROVAL || this == PENDING || this == DELIVERED;
    }

    /** The status a vehicle's result code ends a command in ({@code OK} succeeds; unknown codes fail). */
    static CommandStatus ofResult(String code) {
        if ("OK".equals(code)) {
            return SUCCEEDED;
        } else if ("UNSUPPORTED".equals(code)) {
            return UNSUPPORTED;
        } else if ("EXPIRED".equals(code)) {
            return EXPIRED;
        }
        return FAILED;
    }
}
