package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * COVESA VSS {@code Vehicle.LowVoltageSystemState}, the ignition position. A value this version does not
 * know reads as {@link #UNDEFINED}, which no install rule accepts as "ignition off".
 */
public enum LowVoltageSystemState {
    UNDEFINED,
    LOCK,
    OFF,
    ACC,
    ON,
    START;

    @JsonCreator
    public static LowVoltageSystemState fromCode(String code) {
        for (LowVoltageSystemState state : values()) {
            if (state.name().equals(code)) {
                return state;
            }
        }
        return UNDEFINED;
    }

    /** Whether the ignition is off in the sense of the install rules (OFF or LOCK). */
    public boolean isIgnitionOff() {
        return this == OFF || this == LOCK;
    }
}
