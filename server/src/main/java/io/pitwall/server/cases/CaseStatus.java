package io.pitwall.server.cases;

/** Where a service case stands; stored by name. */
public enum CaseStatus {
    OPEN,
    ACKNOWLEDGED,
    IN_PROGRESS,
    RESOLVED,
    CLOSED;

    /**
     * Whether the case still claims its (vehicle, subject) key: a recurrence then lands on it (and reopens it
     * when resolved) instead of opening a second case. Only a closed case lets a new one open.
     */
    public boolean holdsKey() {
        return this != CLOSED;
    }

    /** Whether someone still has to act, so the SLA runs and a breach escalates. */
    public boolean awaitsWork() {
        return this == OPEN || this == ACKNOWLEDGED || this == IN_PROGRESS;
    }
}
