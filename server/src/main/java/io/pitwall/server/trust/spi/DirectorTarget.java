package io.pitwall.server.trust.spi;

import io.pitwall.protocol.tuf.TargetEntry;
import java.util.Objects;

/**
 * One ECU's part of a vehicle's director targets: the image it should install, listed under the image
 * repository's target path with the image repository's entry (length, hashes, hardware ids, release counter,
 * ECU type) unchanged. {@code authorizedRollback}: the assignment belongs to an approved rollback campaign, so
 * the director signs {@code custom.authorizedRollback: true} on the entry and a primary may accept a lower
 * release counter for it (the assignment's own flag is not signed).
 */
public record DirectorTarget(
        String ecuSerial, String hardwareId, String targetPath, TargetEntry entry, boolean authorizedRollback) {

    public DirectorTarget {
        Objects.requireNonNull(ecuSerial);
        Objects.requireNonNull(hardwareId);
        Objects.requireNonNull(targetPath);
        Objects.requireNonNull(entry);
    }

    /** An ordinary target: no lower release counter allowed. */
    public DirectorTarget(String ecuSerial, String hardwareId, String targetPath, TargetEntry entry) {
        this(ecuSerial, hardwareId, targetPath, entry, false);
    }
}
