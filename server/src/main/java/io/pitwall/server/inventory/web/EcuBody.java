package io.pitwall.server.inventory.web;

import io.pitwall.server.inventory.Ecu;
import io.pitwall.server.inventory.EcuType;
import io.pitwall.server.inventory.UpdatePolicy;
import io.swagger.v3.oas.annotations.media.Schema;

/** An ECU as JSON (request bodies and import lines); {@code type} and {@code updatePolicy} by name. */
record EcuBody(
        @Schema(maxLength = 64) String serial,
        @Schema(maxLength = 32) String type,
        @Schema(maxLength = 64) String hardwareId,
        @Schema(maxLength = 64) String hardwareVariant,
        @Schema(maxLength = 64) String softwareVersion,
        @Schema(maxLength = 64) String imageHash,
        @Schema(maxLength = 20) String updatePolicy,
        Boolean primary) {

    Ecu toEcu() {
        return new Ecu(
                serial,
                EcuType.parse(type),
                hardwareId,
                hardwareVariant,
                softwareVersion,
                imageHash,
                UpdatePolicy.parse(updatePolicy),
                Boolean.TRUE.equals(primary));
    }

    static EcuBody of(Ecu e) {
        return new EcuBody(
                e.serial(),
                e.type().name(),
                e.hardwareId(),
                e.hardwareVariant(),
                e.softwareVersion(),
                e.imageHash(),
                e.updatePolicy().name(),
                e.primary());
    }
}
