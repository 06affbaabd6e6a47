/**
 * A vehicle's assignment through {@link io.pitwall.server.campaign.delivery.AssignmentLifecycle}: the campaign
 * schedule (windows, rollout rate, vehicle state, retries), attempts and timeouts, event tracking and the
 * director's targets.
 */
package io.pitwall.server.campaign.delivery;
