package io.pitwall.agent;

/**
 * A vehicle-state rule that can hold back a download or an install. The name is the stable code the
 * agent reports in the {@code detail} of INSTALL_DEFERRED and INSTALL_PAUSED events.
 */
public enum Rule {
    /** The owner has not consented to updates. */
    CONSENT_MISSING,
    /** The package is larger than the policy allows over a non-Wi-Fi link. */
    WIFI_REQUIRED,
    /** Traction battery state of charge unknown or below the minimum. */
    STATE_OF_CHARGE_LOW,
    /** 12 V battery voltage unknown or below the minimum. */
    LOW_VOLTAGE_LOW,
    /** Ignition not OFF or LOCK. */
    IGNITION_ON,
    /** Park lock not engaged. */
    NOT_PARKED,
    /** Speed unknown or not zero. */
    MOVING
}
