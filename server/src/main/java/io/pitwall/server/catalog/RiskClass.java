package io.pitwall.server.catalog;

import java.util.Arrays;
import java.util.Optional;

/** The release manager's risk rating of an image; campaigns use it. Names are the stored and wire codes. */
public enum RiskClass {
    LOW,
    MEDIUM,
    HIGH;

    public static Optional<RiskClass> ofCode(String code) {
        return Arrays.stream(values()).filter(v -> v.name().equals(code)).findFirst();
    }
}
