package io.pitwall.server.privacy;

import java.util.Arrays;
import java.util.Optional;

/**
 * What kind of data a stored field is, which decides how long it is kept, who may see it and what erasure
 * removes. Personal classes ({@link #personal()}) are erased on a data-subject request; the others are kept
 * because safety and type-approval law (UNECE R155/R156 update records, recalls) requires them.
 */
public enum DataClass {
    /** Fault memory, events, commands and their results: the vehicle's technical health. */
    DIAGNOSTIC("diagnostic", false),
    /** Where the vehicle was ({@code Vehicle.CurrentLocation.*}). Needs {@code location:read} to be seen. */
    LOCATION("location", true),
    /** How the vehicle was driven ({@code Vehicle.Speed} at a moment in time). */
    DRIVER_BEHAVIOUR("driver-behaviour", true),
    /** Who owns or uses the vehicle: customer type, free-form attributes. */
    ACCOUNT("account", true),
    /** Identity, configuration, credentials, update records and service cases of the vehicle. */
    SERVICE("service", false);

    private final String code;
    private final boolean personal;

    DataClass(String code, boolean personal) {
        this.code = code;
        this.personal = personal;
    }

    public String code() {
        return code;
    }

    /** Whether erasure of a vehicle's personal data removes this class. */
    public boolean personal() {
        return personal;
    }

    public static Optional<DataClass> ofCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
