/**
 * Evidence and learning of campaigns: a daily release note of every campaign under way (assignment counts,
 * waves, gate decisions, cases opened), and the post-release review opened when a campaign finishes, listening
 * to {@link io.pitwall.server.campaign.CampaignMoved} in the transaction of the move. Downstream of
 * {@code campaign}, which does not know it.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"access", "campaign", "campaign :: spi", "shared"})
package io.pitwall.server.reporting;
