package io.pitwall.server.campaign.governance;

import io.pitwall.server.campaign.Campaign;
import io.pitwall.server.campaign.TargetFilter;
import io.pitwall.server.campaign.Wave;
import io.pitwall.server.campaign.WaveSpec;
import io.pitwall.server.campaign.persistence.Campaigns;
import io.pitwall.server.campaign.persistence.DryRunReadModel;
import io.pitwall.server.campaign.persistence.ReleaseReadModel;
import io.pitwall.server.campaign.persistence.Waves;
import io.pitwall.server.campaign.rollout.CampaignWaves;
import io.pitwall.server.campaign.rollout.WaveSelectors;
import io.pitwall.server.inventory.VehicleSelector;
import io.pitwall.server.shared.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaign targets: checks a target filter before a campaign is created, and dry-runs a filter against a
 * release (or a stored campaign) without writing anything, and sizes a wave plan over the eligible vehicles.
 */
@Service
public class CampaignTargeting {

    private final VehicleSelector selector;
    private final DryRunReadModel dryRuns;
    private final ReleaseReadModel releases;
    private final Campaigns campaigns;
    private final Waves waves;
    private final WaveSelectors selectors;

    CampaignTargeting(
            VehicleSelector selector,
            DryRunReadModel dryRuns,
            ReleaseReadModel releases,
            Campaigns campaigns,
            Waves waves,
            WaveSelectors selectors) {
        this.selector = selector;
        this.dryRuns = dryRuns;
        this.releases = releases;
        this.campaigns = campaigns;
        this.waves = waves;
        this.selectors = selectors;
    }

    /** Refuses a filter whose RSQL query does not compile ({@code invalid-target-filter}, 400); reads nothing. */
    public void check(TargetFilter filter) {
        selector.validate(filter.query());
    }

    /** What a campaign of this published release and filter would reach if it started now. */
    @Transactional(readOnly = true)
    public DryRun dryRun(long releaseId, TargetFilter filter, List<String> allowedRegions) {
        return dryRun(releaseId, filter, allowedRegions, List.of());
    }

    /**
     * The same with a wave plan sized over the eligible vehicles (at most {@value CampaignWaves#MAX_WAVES}
     * waves; a bad wave filter is 400 {@code invalid-target-filter}, a bad plan 422 {@code invalid-wave-plan}).
     */
    @Transactional(readOnly = true)
    public DryRun dryRun(long releaseId, TargetFilter filter, List<String> allowedRegions, List<WaveSpec> waves) {
        if (waves.size() > CampaignWaves.MAX_WAVES) {
            throw WaveSpec.invalid("A plan has at most " + CampaignWaves.MAX_WAVES + " waves");
        }
        List<DryRunReadModel.WaveSelection> selections = selections(waves);
        if (releases.publishedImages(releaseId).isEmpty()) {
            throw ApiException.unprocessable(
                    "release-not-published", "Release " + releaseId + " does not exist or is not published");
        }
        return dryRuns.count(
                DryRunReadModel.Images.ofRelease(releaseId),
                filter,
                selector.compile(filter.query()),
                allowedRegions,
                selections);
    }

    /**
     * What starting this campaign would do now, with its stored filter and image snapshot. For a campaign
     * already started, its own assigned vehicles count as {@link IneligibleReason#ACTIVE_ASSIGNMENT}. Its
     * stored wave plan, if any, is sized over the eligible vehicles.
     */
    @Transactional(readOnly = true)
    public DryRun dryRun(long campaignId, List<String> allowedRegions) {
        Campaign campaign = campaigns
                .byId(campaignId)
                .orElseThrow(() -> ApiException.notFound("campaign-not-found", "No campaign " + campaignId));
        return dryRuns.count(
                DryRunReadModel.Images.ofCampaign(campaignId),
                campaign.filter(),
                selector.compile(campaign.filter().query()),
                allowedRegions,
                selections(waves.of(campaignId).stream().map(Wave::spec).toList()));
    }

    private List<DryRunReadModel.WaveSelection> selections(List<WaveSpec> specs) {
        List<DryRunReadModel.WaveSelection> selections = new ArrayList<>();
        for (int n = 0; n < specs.size(); n++) {
            selections.add(selectors.of(n, specs.get(n)));
        }
        return selections;
    }
}
