package io.pitwall.server.commands;

/**
 * Where a diagnostic command is; {@link CommandLifecycle} says how it moves. {@code AWAITING_APPROVAL → PENDING →
 * DELIVERED → SUCCEEDED | FAILED | UNSUPPORTED | EXPIRED}; {@code AWAITING_APPROVAL} or {@code PENDING} may be
 * {@code CANCELLED}; anything not answered by its expiry time becomes {@code EXPIRED}. Only the vehicle's answer
 * ends a delivered command early: a vehicle may already be running it.
 */
public enum CommandStatus {
    AWAITING_APPROVAL,
    PENDING,
    DELIVERED,
    SUCCEEDED,
    FAILED,
    UNSUPPORTED,
    EXPIRED,
    CANCELLED;

    /** Whether the command has not ended yet (it still waits for an approver, a check-in or an answer). */
    public boolean open() {
        return this == AWAITING_APPROVAL || this == PENDING || this == DELIVERED;
    }
}
