package io.pitwall.server.inventory.web;

import io.pitwall.server.inventory.Ecu;
import io.pitwall.server.inventory.EcuType;
import io.pitwall.server.inventory.UpdatePolicy;

/** An ECU as JSON (request bodies and import lines); {@code type} and {@code updatePolicy} by name. */
record EcuBody(String serial, String type, String hardwareId, String hardwareVariant, String softwareVersion,
        String imageHash, String updatePolicy, Boolean primary) {

    Ecu toEcu() {
        return new Ecu(serial, EcuType.parse(type), hardwareId, hardwareVariant, softwareVersion, imageHash,
                UpdatePolicy.parse(updatePolicy), Boolean.TRUE.equals(primary));
    }

    static EcuBody of(Ecu e) {
        return new EcuBody(e.serial(), e.type().name(), e.hardwareId(), e.hardwareVariant(), e.softwareVersion(),
                e.imageHash(), e.updatePolicy().name(), e.primary());
    }
}
