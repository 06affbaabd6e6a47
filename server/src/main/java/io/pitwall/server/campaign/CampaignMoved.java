package io.pitwall.server.campaign;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A campaign changed status, published in the transaction of that move while it holds the campaign's lock, so a
 * listener (the post-release review) commits or rolls back with the move. Every path that changes a campaign's
 * status logs a decision, and every logged change publishes this once.
 *
 * @param at    when the move happened (the decision's time)
 * @param actor whom the audit trail names for the move: an operator, or {@code system} (also
 *              {@code system:reconciler}) for the moves nobody asked for
 */
public record CampaignMoved(long campaignId, CampaignStatus from, CampaignStatus to, OffsetDateTime at, String actor) {

    public CampaignMoved {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
    }
}
