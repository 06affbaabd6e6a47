package io.pitwall.server.campaign;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Campaign settings.
 *
 * @param highRiskVehicles  a campaign whose target matches more vehicles than this is HIGH risk
 * @param reconcileInterval how often each node tries to drive phased campaigns (one node at a time holds
 *                          the reconciler lease); 0 turns the schedule off on this node
 * @param noProgressAfter   an assignment in progress without a change for this long is listed as stuck
 *                          in the campaign's exception queue
 * @param releaseNoteInterval how often each node refreshes today's release note of every campaign under way;
 *                          0 turns it off on this node
 * @param reconcilerLease   how long the reconciler lease lasts without renewal (each tick renews it): another
 *                          node takes over from a node that died within this plus one reconcile interval (30 s
 *                          by default), and at its next tick from one that stopped cleanly (it releases it)
 */
@ConfigurationProperties("pitwall.campaign")
public record CampaignSettings(
        @DefaultValue("10000") long highRiskVehicles,
        @DefaultValue("5s") Duration reconcileInterval,
        @DefaultValue("1h") Duration noProgressAfter,
        @DefaultValue("15m") Duration releaseNoteInterval,
        @DefaultValue("25s") Duration reconcilerLease) {

    public CampaignSettings {
        if (highRiskVehicles < 0) {
            throw new IllegalArgumentException("pitwall.campaign.high-risk-vehicles must be 0 or greater");
        }
        if (reconcileInterval.isNegative()) {
            throw new IllegalArgumentException("pitwall.campaign.reconcile-interval must be 0 or greater");
        }
        if (noProgressAfter.isNegative() || noProgressAfter.isZero()) {
            throw new IllegalArgumentException("pitwall.campaign.no-progress-after must be positive");
        }
        if (reconcilerLease.isNegative() || reconcilerLease.isZero()) {
            throw new IllegalArgumentException("pitwall.campaign.reconciler-lease must be positive");
        }
        if (releaseNoteInterval.isNegative()) {
            throw new IllegalArgumentException("pitwall.campaign.release-note-interval must be 0 or greater");
        }
    }
}
