package io.pitwall.server.catalog.internal;

import io.pitwall.server.catalog.CheckResult;
import io.pitwall.server.catalog.Image;
import io.pitwall.server.inventory.FleetHardware;

/**
 * {@code compatibility}: the image's hardware id is one the inventory knows (some ECU has it), or the image
 * is explicitly declared as software for new hardware ({@code newHardware}).
 */
public record CompatibilityCheck(FleetHardware fleet) implements ValidationCheck {

    public static final String NAME = "compatibility";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult check(Image image, ValidationScope scope) {
        if (fleet.isKnown(image.hardwareId())) {
            return CheckResult.pass(NAME, "hardware id " + image.hardwareId() + " is known to the inventory");
        }
        if (image.newHardware()) {
            return CheckResult.pass(
                    NAME,
                    "hardware id " + image.hardwareId() + " is not in the inventory yet; the "
                            + "image is declared for new hardware");
        }
        return CheckResult.fail(
                NAME,
                "hardware id " + image.hardwareId() + " is not known to the inventory; "
                        + "declare newHardware for software for hardware not yet in the fleet");
    }
}
