package io.pitwall.server.campaign.delivery;

import io.pitwall.server.campaign.Campaign;
import io.pitwall.server.campaign.CampaignStatus;
import io.pitwall.server.campaign.internal.CampaignMoves;
import io.pitwall.server.campaign.persistence.Campaigns;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A campaign's {@link CampaignSchedule}: set or removed while it is a draft, read any time. */
@Service
public class CampaignScheduling {

    private final Campaigns campaigns;
    private final CampaignMoves moves;
    private final ApplicationEventPublisher events;

    CampaignScheduling(Campaigns campaigns, CampaignMoves moves, ApplicationEventPublisher events) {
        this.campaigns = campaigns;
        this.moves = moves;
        this.events = events;
    }

    /** Replaces the schedule of a draft campaign (null removes it); 409 {@code campaign-not-draft} otherwise. */
    @Transactional
    public Optional<CampaignSchedule> define(long id, CampaignSchedule schedule) {
        Campaign campaign = moves.lock(id);
        if (campaign.status() != CampaignStatus.DRAFT) {
            throw ApiException.conflict("campaign-not-draft", "The schedule is set while the campaign is a draft");
        }
        campaigns.replaceSchedule(id, schedule);
        events.publishEvent(
                Audited.succeeded("campaign.schedule", "campaign:" + id, Map.of("scheduled", schedule != null)));
        return Optional.ofNullable(schedule);
    }

    @Transactional(readOnly = true)
    public Optional<CampaignSchedule> of(long id) {
        moves.campaign(id);
        return campaigns.schedule(id);
    }
}
