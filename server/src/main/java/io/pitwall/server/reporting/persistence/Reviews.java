package io.pitwall.server.reporting.persistence;

import io.pitwall.server.reporting.Review;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Post-release reviews, one per campaign. */
@Repository
public class Reviews {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public Reviews(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Opens the review; the caller holds the campaign's lock, so there is none yet. */
    public void open(long campaignId, String outcome, String owner, Map<String, Object> metrics, OffsetDateTime now) {
        jdbc.sql("""
                INSERT INTO campaign_review (campaign_id, outcome, owner, status, metrics_json, opened_at, version)
                VALUES (:id, :outcome, :owner, 'OPEN', :metrics, :now, 0)""")
                .param("id", campaignId)
                .param("outcome", outcome)
                .param("owner", owner)
                .param("metrics", json.writeValueAsString(metrics))
                .param("now", now)
                .update();
    }

    public Optional<Review> find(long campaignId) {
        return query(campaignId, "");
    }

    public Optional<Review> lock(long campaignId) {
        return query(campaignId, " FOR UPDATE");
    }

    /** Stores the notes (and closes the review when {@code close}); the caller holds its lock. */
    public void update(Review review, String notes, boolean close, String by, OffsetDateTime now) {
        int rows = jdbc.sql("""
                UPDATE campaign_review SET learning_notes = :notes, updated_by = :by, status = :status,
                    closed_at = :closedAt, closed_by = :closedBy, version = version + 1
                WHERE campaign_id = :id AND version = :version""")
                .param("notes", notes)
                .param("by", by)
                .param("status", close ? "CLOSED" : "OPEN")
                .param("closedAt", close ? now : null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("closedBy", close ? by : null, java.sql.Types.VARCHAR)
                .param("id", review.campaignId())
                .param("version", review.version())
                .update();
        if (rows != 1) {
            throw new OptimisticLockingFailureException("review of campaign " + review.campaignId() + " changed");
        }
    }

    private Optional<Review> query(long campaignId, String suffix) {
        return jdbc.sql("""
                SELECT campaign_id, outcome, owner, status, metrics_json, learning_notes, opened_at, updated_by,
                    closed_at, closed_by, version FROM campaign_review WHERE campaign_id = :id""" + suffix)
                .param("id", campaignId)
                .query((rs, i) -> new Review(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        Review.Status.valueOf(rs.getString(4)),
                        json.readValue(rs.getString(5), new TypeReference<Map<String, Object>>() {}),
                        rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class),
                        rs.getString(8),
                        rs.getObject(9, OffsetDateTime.class),
                        rs.getString(10),
                        rs.getLong(11)))
                .optional();
    }
}
