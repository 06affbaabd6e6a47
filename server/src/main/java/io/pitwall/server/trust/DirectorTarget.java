package io.pitwall.server.trust;

import io.pitwall.protocol.tuf.TargetEntry;
import java.util.Objects;

/**
 * One ECU's part of a vehicle's director targets: the image it should install, listed under the image
 * repository's target path with the image repository's entry (length, hashes, hardware ids, release counter,
 * ECU type) unchanged.
 */
public record DirectorTarget(String ecuSerial, String hardwareId, String targetPath, TargetEntry entry) {

    public DirectorTarget {
        Objects.requireNonNull(ecuSerial);
        Objects.requireNonNull(hardwareId);
        Objects.requireNonNull(targetPath);
        Objects.requireNonNull(entry);
    }
}
