package io.pitwall.server.catalog;

import io.pitwall.server.catalog.internal.Identifiers;
import io.pitwall.server.shared.ApiException;

/**
 * An image needs software of at least {@code minVersion} on ECUs with another hardware id, either shipped
 * in the same release or already installed somewhere in the fleet. Versions compare as
 * {@link io.pitwall.server.catalog.internal.Versions} describes.
 */
public record Dependency(String hardwareId, String minVersion) {

    public Dependency {
        if (!Identifiers.isHardwareId(hardwareId) || !Identifiers.isVersion(minVersion)) {
            throw ApiException.unprocessable(
                    "invalid-dependency", "A dependency names a valid hardwareId and a minVersion");
        }
    }
}
