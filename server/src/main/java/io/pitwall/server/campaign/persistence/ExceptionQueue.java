package io.pitwall.server.campaign.persistence;

import io.pitwall.server.campaign.delivery.AssignmentLifecycle;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.State;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A campaign's exception queue: its stuck, failed and deferred vehicles, and what operators do with them. */
@Repository
public class ExceptionQueue {

    /** One vehicle of a campaign's exception queue. */
    public record ExceptionRow(
            String vin,
            long id,
            int attempt,
            State status,
            String kind,
            String failureCategory,
            String failureCode,
            String deferredReason,
            OffsetDateTime deferredUntil,
            OffsetDateTime retryAt,
            OffsetDateTime since,
            String comment) {}

    private static final String EXCEPTIONAL = """
            a.campaign_id = :cid AND a.excluded_by IS NULL AND (a.status IN %s
            OR (a.status = 'PENDING' AND a.deferred_reason IS NOT NULL)
            OR (a.status IN %s AND a.updated_at < :stale))""".formatted(
            StatusList.of(AssignmentLifecycle.EXCEPTIONAL_ENDS), StatusList.of(AssignmentLifecycle.IN_PROGRESS));
    /** An exception row's columns, its kind derived from its status; the condition follows. */
    private static final String ROWS = """
            SELECT a.vin, a.id, a.attempt, a.status, CASE WHEN a.status = 'TIMED_OUT' THEN 'TIMED_OUT'
                WHEN a.status IN %s THEN 'FAILED' WHEN a.status = 'PENDING' THEN 'DEFERRED'
                ELSE 'NO_PROGRESS' END, a.failure_category, a.failure_code, a.deferred_reason, a.deferred_until,
                a.retry_at, a.updated_at, a.exception_comment
            FROM assignment a WHERE\s""".formatted(StatusList.of(AssignmentLifecycle.FAILURES));

    private final JdbcClient jdbc;

    public ExceptionQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static ExceptionRow row(ResultSet rs, int rowNum) throws SQLException {
        return new ExceptionRow(
                rs.getString(1).trim(),
                rs.getLong(2),
                rs.getInt(3),
                State.valueOf(rs.getString(4)),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getObject(9, OffsetDateTime.class),
                rs.getObject(10, OffsetDateTime.class),
                rs.getObject(11, OffsetDateTime.class),
                rs.getString(12));
    }

    /**
     * The campaign's stuck (timed out, or in progress without a change since {@code stale}), failed and
     * deferred vehicles, not excluded, by VIN.
     */
    public List<ExceptionRow> exceptions(long campaignId, OffsetDateTime stale, int page, int size) {
        return jdbc.sql(ROWS + EXCEPTIONAL + " ORDER BY a.vin OFFSET :o ROWS FETCH NEXT :s ROWS ONLY")
                .param("cid", campaignId)
                .param("stale", stale)
                .param("o", (long) page * size)
                .param("s", size)
                .query(ExceptionQueue::row)
                .list();
    }

    /** The vehicle's row of the campaign's exception queue, if it is in the queue. */
    public Optional<ExceptionRow> exception(long campaignId, String vin, OffsetDateTime stale) {
        return jdbc.sql(ROWS + "a.vin = :vin AND " + EXCEPTIONAL)
                .param("cid", campaignId)
                .param("stale", stale)
                .param("vin", vin)
                .query(ExceptionQueue::row)
                .optional();
    }

    public long countExceptions(long campaignId, OffsetDateTime stale) {
        return jdbc.sql("SELECT COUNT(*) FROM assignment a WHERE " + EXCEPTIONAL)
                .param("cid", campaignId)
                .param("stale", stale)
                .query(Long.class)
                .single();
    }

    /**
     * Takes a locked assignment out of the campaign's exception queue for good: cancelled (and its ECU parts not
     * yet installing) when {@code cancel} ({@code EXCLUDE} in the assignment lifecycle), no retry follows, and who
     * did it and why is kept.
     */
    public void exclude(long id, boolean cancel, String by, String comment, OffsetDateTime now) {
        jdbc.sql("""
                UPDATE assignment SET status = CASE WHEN :cancel THEN 'CANCELLED' ELSE status END, retry_at = NULL,
                    excluded_by = :by, exception_comment = :comment, version = version + 1, updated_at = :now
                WHERE id = :id""")
                .param("cancel", cancel)
                .param("by", by)
                .param("comment", comment)
                .param("now", now)
                .param("id", id)
                .update();
        if (cancel) {
            jdbc.sql("""
                    UPDATE assignment_ecu SET status = 'CANCELLED' WHERE assignment_id = :id
                    AND status IN %s""".formatted(StatusList.of(AssignmentLifecycle.CANCELLABLE)))
                    .param("id", id)
                    .update();
        }
    }

    /** Keeps the operator's comment on an assignment retried from the exception queue. */
    public void comment(long id, String comment) {
        jdbc.sql("UPDATE assignment SET exception_comment = :c WHERE id = :id")
                .param("c", comment)
                .param("id", id)
                .update();
    }
}
