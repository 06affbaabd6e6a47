package io.pitwall.server.inventory;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An electronic control unit as the inventory knows it.
 *
 * @param serial          unique across the whole fleet, 1-64 visible ASCII characters
 * @param type            what the ECU does
 * @param hardwareId      the hardware part number images are built for
 * @param hardwareVariant an optional finer hardware revision
 * @param softwareVersion the installed software version
 * @param imageHash       optional SHA-256 of the installed image, 64 hex digits (stored lower case)
 * @param updatePolicy    whether the ECU may be updated over the air
 * @param primary         the vehicle's primary ECU (Uptane): at most one per vehicle
 */
public record Ecu(
        String serial,
        EcuType type,
        String hardwareId,
        String hardwareVariant,
        String softwareVersion,
        String imageHash,
        UpdatePolicy updatePolicy,
        boolean primary) {

    private static final Pattern SERIAL = Pattern.compile("[\\x21-\\x7E]{1,64}");
    private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

    public Ecu {
        Fields.text(serial, "ecus.serial", 64);
        if (!SERIAL.matcher(serial).matches()) {
            throw Fields.invalid(
                    "invalid-field",
                    "ecus.serial",
                    "ECU serial '" + serial + "' must be visible ASCII characters without spaces");
        }
        Fields.required(type, "ecus.type");
        Fields.text(hardwareId, "ecus.hardwareId", 64);
        hardwareVariant = Fields.optionalText(hardwareVariant, "ecus.hardwareVariant", 64);
        Fields.text(softwareVersion, "ecus.softwareVersion", 64);
        imageHash = imageHash == null || imageHash.isBlank() ? null : imageHash.toLowerCase(Locale.ROOT);
        if (imageHash != null && !SHA_256.matcher(imageHash).matches()) {
            throw Fields.invalid(
                    "invalid-field", "ecus.imageHash", "imageHash of ECU " + serial + " is not 64 hexadecimal digits");
        }
        Fields.required(updatePolicy, "ecus.updatePolicy");
    }
}
