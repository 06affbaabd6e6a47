package io.pitwall.server.inventory;

import java.util.Arrays;

/** What an ECU does in the vehicle. Stored and exchanged by its name. */
public enum EcuType {
    GATEWAY,
    TELEMATICS,
    INFOTAINMENT,
    INSTRUMENT_CLUSTER,
    ADAS,
    BMS,
    POWERTRAIN,
    CHASSIS,
    BODY,
    OTHER;

    /**
     * Whether the ECU's function bears on driving safety or energy (battery, driver assistance, powertrain,
     * chassis): actions that erase its evidence or change it need a second person.
     */
    public boolean safetyRelevant() {
        return this == BMS || this == ADAS || this == POWERTRAIN || this == CHASSIS;
    }

    /** The type with this exact name; anything else is refused with {@code unknown-ecu-type}. */
    public static EcuType parse(String name) {
        Fields.text(name, "ecus.type", 32);
        for (EcuType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        throw Fields.invalid(
                "unknown-ecu-type",
                "ecus.type",
                "'" + name + "' is not an ECU type; types are " + Arrays.toString(values()));
    }
}
