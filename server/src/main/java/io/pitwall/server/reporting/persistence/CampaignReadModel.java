package io.pitwall.server.reporting.persistence;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What release notes and reviews read of the campaign module's tables that its API does not answer: which
 * campaigns are under way, the campaign row's lock, and the review owner of a readiness sheet.
 */
@Repository
public class CampaignReadModel {

    private final JdbcClient jdbc;

    public CampaignReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Campaigns that get a note: running or paused (a paused campaign is still under way). */
    public List<Long> campaignsUnderWay() {
        return jdbc.sql("SELECT id FROM campaign WHERE status IN ('RUNNING', 'PAUSED') ORDER BY id")
                .query(Long.class)
                .list();
    }

    public boolean exists(long campaignId) {
        return jdbc.sql("SELECT COUNT(*) FROM campaign WHERE id = :id")
                        .param("id", campaignId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Locks the campaign's row until the commit (false when there is none): a review is opened while a
     * campaign move holds that lock, so whoever edits a review takes the campaign's lock first, in the same order.
     */
    public boolean lock(long campaignId) {
        return jdbc.sql("SELECT id FROM campaign WHERE id = :id FOR UPDATE")
                .param("id", campaignId)
                .query(Long.class)
                .optional()
                .isPresent();
    }

    /** The review owner named in the campaign's readiness sheet, if any. */
    public Optional<String> reviewOwner(long campaignId) {
        return jdbc.sql("SELECT owner_review FROM campaign_readiness WHERE campaign_id = :id")
                .param("id", campaignId)
                .query((rs, i) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(owner -> owner);
    }
}
