package io.pitwall.server.inventory;

import java.util.Set;

/** What the rest of the server may ask about the hardware and software present in the fleet. */
public interface FleetHardware {

    /** Whether any ECU in the inventory has this hardware id (part number). */
    boolean isKnown(String hardwareId);

    /** The software versions installed on ECUs with this hardware id somewhere in the fleet. */
    Set<String> installedVersions(String hardwareId);
}
