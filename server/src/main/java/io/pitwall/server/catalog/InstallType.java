package io.pitwall.server.catalog;

import java.util.Arrays;
import java.util.Optional;

/**
 * How an ECU installs the image: into the inactive slot of an A/B pair (switch on success, keep the old
 * slot for rollback) or in place. The constant names are the stored and wire codes.
 */
public enum InstallType {
    AB,
    IN_PLACE;

    public static Optional<InstallType> ofCode(String code) {
        return Arrays.stream(values()).filter(v -> v.name().equals(code)).findFirst();
    }
}
