package io.pitwall.server.inventory;

import java.time.OffsetDateTime;

/**
 * A vehicle as stored: its content plus the version a replace must name (optimistic locking) and when
 * it was created and last changed. An import that finds nothing to change keeps version and updatedAt.
 */
public record RegisteredVehicle(Vehicle vehicle, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
