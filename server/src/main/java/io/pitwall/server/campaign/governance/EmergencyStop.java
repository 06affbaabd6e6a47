package io.pitwall.server.campaign.governance;

import io.pitwall.server.campaign.Campaign;
import io.pitwall.server.campaign.governance.CampaignLifecycle.Trigger;
import io.pitwall.server.campaign.internal.CampaignMoves;
import io.pitwall.server.campaign.persistence.Campaigns;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The emergency stop: every RUNNING campaign is paused under the emergency hold in one transaction, each
 * gets a decision-log entry, and a new approval round opens for each, so none resumes without a fresh approval.
 * Undelivered assignments stay back at once (delivery requires a running campaign); vehicles already
 * installing finish or roll back on their own.
 */
@Service
public class EmergencyStop {

    private final Campaigns campaigns;
    private final CampaignMoves moves;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EmergencyStop(Campaigns campaigns, CampaignMoves moves, ApplicationEventPublisher events, Clock clock) {
        this.campaigns = campaigns;
        this.moves = moves;
        this.events = events;
        this.clock = clock;
    }

    /** Stops every running campaign; answers the ids of those it paused. */
    @Transactional
    public List<Long> stop(String reason, String actor) {
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw ApiException.unprocessable(
                    "reason-required", "An emergency stop gives a reason of 1 to 2000 characters");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Long> stopped = new ArrayList<>();
        for (Campaign campaign : campaigns.lockRunning()) {
            var accepted = CampaignMoves.accept(campaign, Trigger.EMERGENCY_STOP);
            moves.apply(campaign, Trigger.EMERGENCY_STOP, accepted, actor, now, Map.of("reason", reason));
            campaigns.openApprovalRound(campaign.id());
            stopped.add(campaign.id());
        }
        events.publishEvent(Audited.succeeded(
                "campaign.emergency-stop", "campaigns", Map.of("reason", reason, "campaigns", stopped)));
        return stopped;
    }
}
