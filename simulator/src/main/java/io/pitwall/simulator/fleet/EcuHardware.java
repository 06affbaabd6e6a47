package io.pitwall.simulator.fleet;

import java.util.List;

/**
 * One kind of ECU hardware: its type (the inventory's EcuType name), hardware id, revisions, factory
 * firmware, and whether it may be updated over the air ({@code REMOTE}) or only in a workshop.
 */
public record EcuHardware(
        String type,
        String hardwareId,
        String serialPrefix,
        List<String> variants,
        List<Firmware> firmware,
        boolean remote) {

    public EcuHardware {
        variants = List.copyOf(variants);
        firmware = List.copyOf(firmware);
        if (variants.isEmpty() || firmware.isEmpty()) {
            throw new IllegalArgumentException(hardwareId + " needs at least one variant and one firmware");
        }
    }

    /** The factory firmware with this version. */
    public Firmware firmware(String version) {
        return firmware.stream()
                .filter(f -> f.version().equals(version))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(hardwareId + " has no firmware " + version));
    }
}
