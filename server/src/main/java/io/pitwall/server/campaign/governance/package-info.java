/**
 * How a campaign moves through {@link io.pitwall.server.campaign.governance.CampaignLifecycle}: creation,
 * targeting and dry run, readiness, dual-control approvals, start, pause, cancel, the emergency stop and the
 * decision log.
 */
package io.pitwall.server.campaign.governance;
