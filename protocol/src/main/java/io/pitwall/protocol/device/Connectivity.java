package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * How the vehicle is connected right now. A type this version does not know reads as {@link #NONE}, the
 * conservative answer for the Wi-Fi rule.
 */
public enum Connectivity {
    WIFI,
    CELLULAR,
    NONE;

    @JsonCreator
    public static Connectivity fromCode(String code) {
        for (Connectivity value : values()) {
            if (value.name().equals(code)) {
                return value;
            }
        }
        return NONE;
    }
}
