/**
 * Phased campaigns: wave plans and their selectors, abort criteria, wave activation and the leased reconciler
 * that judges gates and moves waves.
 */
package io.pitwall.server.campaign.rollout;
