package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a vehicle reports, as stable text codes. A code this version does not know reads as
 * {@link #UNKNOWN} instead of failing, so a server can flag the event's data quality and go on.
 */
public enum EventType {
    DOWNLOAD_STARTED("DOWNLOAD_STARTED"),
    DOWNLOAD_PROGRESS("DOWNLOAD_PROGRESS"),
    DOWNLOAD_COMPLETED("DOWNLOAD_COMPLETED"),
    /** {@code code} says why (e.g. SIGNATURE_INVALID, HASH_MISMATCH). */
    DOWNLOAD_FAILED("DOWNLOAD_FAILED"),
    /** {@code detail} names the unmet vehicle-state rule. */
    INSTALL_DEFERRED("INSTALL_DEFERRED"),
    INSTALL_STARTED("INSTALL_STARTED"),
    /** {@code detail} names the rule whose loss paused the work. */
    INSTALL_PAUSED("INSTALL_PAUSED"),
    INSTALL_RESUMED("INSTALL_RESUMED"),
    INSTALL_RETRIED("INSTALL_RETRIED"),
    /** {@code code} says why. */
    INSTALL_FAILED("INSTALL_FAILED"),
    INSTALL_COMPLETED("INSTALL_COMPLETED"),
    ROLLED_BACK("ROLLED_BACK"),
    POST_UPDATE_HEALTH("POST_UPDATE_HEALTH"),
    /**
     * One ECU's fault memory ({@code ecuSerial}): {@code detail} holds {@code uds:<hex>} (a ReadDTCInformation
     * response) or an OEM JSON object; otherwise {@code code} holds one J2012 code. See
     * {@link io.pitwall.protocol.dtc.DtcDecoder#decodeReport}.
     */
    DTC_REPORT("DTC_REPORT"),
    MODULE_HEALTH("MODULE_HEALTH"),
    /** {@code commandId} names the command, {@code code} the result. */
    COMMAND_RESULT("COMMAND_RESULT"),
    /** {@code detail} is the new connectivity type. */
    CONNECTIVITY("CONNECTIVITY"),
    /** Read-side only: a type code this version does not know. */
    UNKNOWN("UNKNOWN");

    private final String code;

    EventType(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static EventType fromCode(String code) {
        for (EventType type : values()) {
            if (type.code.equals(code)) {
                return type;
            }
        }
        return UNKNOWN;
    }
}
