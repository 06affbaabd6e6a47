package io.pitwall.server.campaign.persistence;

import io.pitwall.server.campaign.delivery.AssignmentLifecycle;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Attempts the reconciler ends or starts again: in-progress timeouts and due retries. */
@Repository
public class AssignmentAttempts {

    private final JdbcClient jdbc;

    public AssignmentAttempts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Attempts of the campaign in progress (delivered, not ended) since before {@code cutoff}, oldest first. */
    public List<Assignments.Ref> inProgressSince(long campaignId, OffsetDateTime cutoff, int limit) {
        return jdbc.sql("""
                SELECT id, vin FROM assignment WHERE campaign_id = :cid
                AND status IN %s AND delivered_at < :cutoff
                ORDER BY id FETCH FIRST :limit ROWS ONLY""".formatted(StatusList.of(AssignmentLifecycle.IN_PROGRESS)))
                .param("cid", campaignId)
                .param("cutoff", cutoff)
                .param("limit", limit)
                .query((rs, i) ->
                        new Assignments.Ref(rs.getLong(1), rs.getString(2).trim()))
                .list();
    }

    /** Failed or timed-out assignments of the campaign whose retry is due. */
    public List<Assignments.Ref> retriesDue(long campaignId, OffsetDateTime now, int limit) {
        return jdbc.sql("""
                SELECT id, vin FROM assignment WHERE campaign_id = :cid AND retry_at <= :now
                ORDER BY retry_at, id FETCH FIRST :limit ROWS ONLY""")
                .param("cid", campaignId)
                .param("now", now)
                .param("limit", limit)
                .query((rs, i) ->
                        new Assignments.Ref(rs.getLong(1), rs.getString(2).trim()))
                .list();
    }

    /** Schedules another attempt of a failed or timed-out assignment; the caller holds its lock. */
    public void retryAt(long id, OffsetDateTime at) {
        jdbc.sql("UPDATE assignment SET retry_at = :at WHERE id = :id")
                .param("at", at)
                .param("id", id)
                .update();
    }

    /**
     * Starts the next attempt of a locked, failed or timed-out assignment: it is pending again (offered at the
     * next check-in the schedule allows) with its attempt counted up; ECU parts not yet succeeded start over.
     */
    public void reoffer(long id, long expectedVersion, OffsetDateTime now) {
        int rows = jdbc.sql("""
                UPDATE assignment SET status = 'PENDING', attempt = attempt + 1, failure_category = NULL,
                    failure_code = NULL, retry_at = NULL, delivered_at = NULL, deferred_reason = NULL,
                    deferred_until = NULL, version = version + 1, updated_at = :now
                WHERE id = :id AND version = :version AND status IN %s""".formatted(StatusList.of(AssignmentLifecycle.RETRYABLE)))
                .param("now", now)
                .param("id", id)
                .param("version", expectedVersion)
                .update();
        if (rows == 0) {
            throw new OptimisticLockingFailureException("assignment " + id + " changed concurrently");
        }
        jdbc.sql("""
                UPDATE assignment_ecu SET status = 'PENDING', failure_code = NULL
                WHERE assignment_id = :id AND status <> 'SUCCEEDED'""").param("id", id).update();
    }
}
