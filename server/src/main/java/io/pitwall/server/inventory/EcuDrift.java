package io.pitwall.server.inventory;

/**
 * One ECU whose reported software differs from what the inventory expects. A {@code null} expected
 * side means the vehicle reports an ECU the inventory does not know; a {@code null} reported side means
 * the vehicle did not report an ECU the inventory lists.
 */
public record EcuDrift(
        String serial,
        String hardwareId,
        String expectedVersion,
        String expectedImageHash,
        String reportedVersion,
        String reportedImageHash) {}
