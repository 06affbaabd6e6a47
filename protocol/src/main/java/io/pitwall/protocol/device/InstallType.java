package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * How an ECU takes an image: {@link #AB} writes the inactive slot and switches (the running image stays
 * as fallback); {@link #IN_PLACE} overwrites the running image and is only allowed when the vehicle is
 * parked with the ignition off and the ECU permits it. An unknown code reads as {@link #IN_PLACE}, the
 * more restricted of the two.
 */
public enum InstallType {
    AB,
    IN_PLACE;

    @JsonCreator
    public static InstallType fromCode(String code) {
        return "AB".equals(code) ? AB : IN_PLACE;
    }
}
