package io.pitwall.server.campaign;

import io.pitwall.server.campaign.persistence.Campaigns;
import io.pitwall.server.campaign.persistence.DryRuns;
import io.pitwall.server.campaign.persistence.PublishedReleases;
import io.pitwall.server.inventory.VehicleSelector;
import io.pitwall.server.shared.ApiException;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaign targets: checks a target filter before a campaign is created, and dry-runs a filter against a
 * release (or a stored campaign) without writing anything. Wave planning plugs in after {@link #dryRun}:
 * it receives the same filter and images and splits the eligible vehicles.
 */
@Service
public class CampaignTargeting {

    private final VehicleSelector selector;
    private final DryRuns dryRuns;
    private final PublishedReleases releases;
    private final Campaigns campaigns;

    CampaignTargeting(VehicleSelector selector, DryRuns dryRuns, PublishedReleases releases, Campaigns campaigns) {
        this.selector = selector;
        this.dryRuns = dryRuns;
        this.releases = releases;
        this.campaigns = campaigns;
    }

    /** Refuses a filter whose RSQL query does not compile ({@code invalid-target-filter}, 400); reads nothing. */
    public void check(TargetFilter filter) {
        selector.validate(filter.query());
    }

    /** What a campaign of this published release and filter would reach if it started now. */
    @Transactional(readOnly = true)
    public DryRun dryRun(long releaseId, TargetFilter filter, List<String> allowedRegions) {
        if (releases.publishedImages(releaseId).isEmpty()) {
            throw ApiException.unprocessable("release-not-published",
                    "Release " + releaseId + " does not exist or is not published");
        }
        return dryRuns.count(DryRuns.Images.ofRelease(releaseId), filter, selector.compile(filter.query()),
                allowedRegions);
    }

    /**
     * What starting this campaign would do now, with its stored filter and image snapshot. For a campaign
     * already started, its own assigned vehicles count as {@link IneligibleReason#ACTIVE_ASSIGNMENT}.
     */
    @Transactional(readOnly = true)
    public DryRun dryRun(long campaignId, List<String> allowedRegions) {
        Campaign campaign = campaigns.byId(campaignId).orElseThrow(
                () -> ApiException.notFound("campaign-not-found", "No campaign " + campaignId));
        return dryRuns.count(DryRuns.Images.ofCampaign(campaignId), campaign.filter(),
                selector.compile(campaign.filter().query()), allowedRegions);
    }
}
