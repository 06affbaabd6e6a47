package io.pitwall.server.inventory;

/**
 * How widely one software version is installed on one hardware id.
 *
 * @param ecus     ECUs with this hardware id running this version
 * @param vehicles distinct vehicles having at least one such ECU
 */
public record FirmwareCount(String hardwareId, String softwareVersion, long ecus, long vehicles) {}
