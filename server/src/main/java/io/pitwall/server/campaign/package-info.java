/**
 * Campaigns: a release sent to the vehicles a target filter selects, moved by
 * {@link io.pitwall.server.campaign.CampaignLifecycle}: readiness, submission, dual-control approval, start
 * (eligibility set-based in SQL, one assignment per eligible vehicle), pause/resume, the emergency stop, with
 * every decision in a per-campaign log. Vehicle events drive each assignment through
 * {@link io.pitwall.server.campaign.AssignmentLifecycle}. (Waves, gates and rollback campaigns come later.)
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "access", "inventory", "shared", "telemetry", "trust", "trust :: spi"})
package io.pitwall.server.campaign;
