package io.pitwall.server.campaign;

import io.pitwall.server.campaign.persistence.Assignments;
import io.pitwall.server.campaign.persistence.Campaigns;
import io.pitwall.server.campaign.persistence.PublishedReleases;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, starts, pauses, resumes and cancels campaigns. */
@Service
public class CampaignCommands {

    private final Campaigns campaigns;
    private final Assignments assignments;
    private final PublishedReleases releases;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CampaignCommands(Campaigns campaigns, Assignments assignments, PublishedReleases releases,
            ApplicationEventPublisher events, Clock clock) {
        this.campaigns = campaigns;
        this.assignments = assignments;
        this.releases = releases;
        this.events = events;
        this.clock = clock;
    }

    /** A draft campaign for a published release; the release's images are snapshotted now. */
    @Transactional
    public Campaign create(String name, long releaseId, TargetFilter filter, String createdBy) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiException.unprocessable("invalid-campaign-name", "A campaign name has 1 to 200 characters");
        }
        var images = releases.publishedImages(releaseId);
        if (images.isEmpty()) {
            throw ApiException.unprocessable("release-not-published",
                    "Release " + releaseId + " does not exist or is not published");
        }
        long id = campaigns.insert(name, releaseId, filter, createdBy, OffsetDateTime.now(clock));
        campaigns.insertImages(id, images.get());
        events.publishEvent(Audited.succeeded("campaign.create", "campaign:" + id,
                Map.of("name", name, "releaseId", releaseId)));
        return campaigns.byId(id).orElseThrow();
    }

    /**
     * Computes eligibility and creates the assignments; a paused campaign simply resumes. The campaign is
     * locked first, so a second start racing this one waits and then finds it running (409), instead of
     * colliding on the assignments this one creates.
     */
    @Transactional
    public CampaignProgress start(long id) {
        Campaign campaign = campaigns.lock(id).orElseThrow(() -> notFound(id));
        OffsetDateTime now = OffsetDateTime.now(clock);
        int created = 0;
        if (campaign.status() == CampaignStatus.DRAFT) {
            created = assignments.createEligible(id, campaign.filter(), now);
        } else if (campaign.status() != CampaignStatus.PAUSED) {
            throw ApiException.conflict("campaign-not-startable", "A " + campaign.status() + " campaign cannot start");
        }
        campaigns.changeStatus(id, campaign.version(), CampaignStatus.RUNNING, now);
        if (campaign.status() == CampaignStatus.DRAFT && created == 0) {
            campaigns.completeIfDone(id, now);
        }
        events.publishEvent(Audited.succeeded(campaign.status() == CampaignStatus.DRAFT ? "campaign.start"
                : "campaign.resume", "campaign:" + id, Map.of("assignmentsCreated", created)));
        return progress(id);
    }

    @Transactional
    public CampaignProgress pause(long id) {
        Campaign campaign = require(id);
        if (campaign.status() != CampaignStatus.RUNNING) {
            throw ApiException.conflict("campaign-not-running", "Only a running campaign can pause");
        }
        campaigns.changeStatus(id, campaign.version(), CampaignStatus.PAUSED, OffsetDateTime.now(clock));
        events.publishEvent(Audited.succeeded("campaign.pause", "campaign:" + id, Map.of()));
        return progress(id);
    }

    /** Vehicles not yet installing are cancelled; those installing finish or roll back on their own. */
    @Transactional
    public CampaignProgress cancel(long id) {
        Campaign campaign = require(id);
        if (campaign.status() == CampaignStatus.COMPLETED || campaign.status() == CampaignStatus.CANCELLED) {
            throw ApiException.conflict("campaign-finished", "The campaign is already " + campaign.status());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        int cancelled = assignments.cancelNotInstalling(id, now);
        campaigns.changeStatus(id, campaign.version(), CampaignStatus.CANCELLED, now);
        events.publishEvent(Audited.succeeded("campaign.cancel", "campaign:" + id, Map.of("cancelled", cancelled)));
        return progress(id);
    }

    @Transactional(readOnly = true)
    public CampaignProgress progress(long id) {
        Campaign campaign = require(id);
        var byStatus = assignments.countByStatus(id);
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return new CampaignProgress(campaign, total, byStatus, assignments.countByFailureCategory(id));
    }

    private Campaign require(long id) {
        return campaigns.byId(id).orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("campaign-not-found", "No campaign " + id);
    }
}
