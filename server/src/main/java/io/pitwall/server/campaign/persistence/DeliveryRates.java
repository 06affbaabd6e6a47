package io.pitwall.server.campaign.persistence;

import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What a campaign's rollout rate counts: its deliveries over time, under a per-campaign lock. */
@Repository
public class DeliveryRates {

    /** Deliveries since an instant: how many, and the earliest of them (null when none). */
    public record Deliveries(long count, OffsetDateTime earliest) {}

    private final JdbcClient jdbc;

    public DeliveryRates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises deliveries of one campaign across nodes until the commit, so the rollout rate's count of
     * the last minute cannot be passed by two deliveries at once. A no-op update, like {@code completeIfDone}:
     * taken after the assignment row (the lock order), and no conflict with foreign-key share locks.
     */
    public void lockCampaignDeliveries(long campaignId) {
        jdbc.sql("UPDATE campaign SET version = version WHERE id = :id")
                .param("id", campaignId)
                .update();
    }

    public Deliveries deliveredSince(long campaignId, OffsetDateTime since) {
        return jdbc.sql("""
                SELECT COUNT(*), MIN(delivered_at) FROM assignment WHERE campaign_id = :cid AND delivered_at > :since""")
                .param("cid", campaignId)
                .param("since", since)
                .query((rs, i) -> new Deliveries(rs.getLong(1), rs.getObject(2, OffsetDateTime.class)))
                .single();
    }

    /** How many vehicles were notified so far, and how many succeeded (an exponential rate's criterion). */
    public long[] notifiedAndSucceeded(long campaignId) {
        return jdbc.sql("""
                SELECT COUNT(delivered_at), COALESCE(SUM(CASE WHEN status = 'SUCCEEDED' THEN 1 ELSE 0 END), 0)
                FROM assignment WHERE campaign_id = :cid""")
                .param("cid", campaignId)
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
    }
}
