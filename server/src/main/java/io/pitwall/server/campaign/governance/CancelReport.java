package io.pitwall.server.campaign.governance;

import io.pitwall.server.campaign.CampaignStatus;
import java.util.List;

/**
 * What a cancel did to a campaign's vehicles: those cancelled before installing, and of those already
 * installing, which finished, failed, rolled back on their own, or are still installing. Each list holds at
 * most {@link #MAX_VINS} VINs in VIN order; the counts are complete.
 */
public record CancelReport(
        long campaignId,
        CampaignStatus status,
        Group cancelledBeforeInstalling,
        Group finished,
        Group failed,
        Group rolledBack,
        Group stillInstalling) {

    public static final int MAX_VINS = 1000;

    public record Group(long count, List<String> vins) {

        public Group {
            vins = List.copyOf(vins);
        }
    }
}
