package io.pitwall.server.campaign.spi;

import io.pitwall.server.campaign.delivery.AssignmentLifecycle;
import java.time.Instant;

/**
 * One campaign's assignment of a vehicle as it stands.
 *
 * @param status    the assignment's {@link AssignmentLifecycle.State} name
 * @param changedAt when the assignment last changed (for a finished one: when it finished)
 */
public record VehicleUpdate(long campaignId, String campaignName, String status, Instant changedAt) {}
