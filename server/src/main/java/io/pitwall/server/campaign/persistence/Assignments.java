package io.pitwall.server.campaign.persistence;

import io.pitwall.server.campaign.FailureCategory;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.State;
import io.pitwall.server.campaign.delivery.ReleaseImage;
import io.pitwall.server.shared.Leases;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Assignments and their ECU parts: a vehicle's active assignment, the row lock every writer takes first, the
 * state writes under it, a campaign's cancel and rollback assignments, and its counts by state. Creating a
 * campaign's assignments from the fleet is {@link EligibilityReadModel}'s.
 */
@Repository
public class Assignments {

    /**
     * A vehicle's assignment with its campaign's status and stored schedule JSON (null: none), the attempt
     * and why the vehicle was last deferred (null: it was not); {@code rollback}: a rollback campaign's.
     */
    public record Active(
            long id,
            long campaignId,
            String vin,
            State status,
            String campaignStatus,
            long version,
            String scheduleJson,
            int attempt,
            String deferredReason,
            boolean rollback) {}

    /** An assignment row as locked for a change: nobody else moves it or its ECUs until the commit. */
    public record Locked(long id, long campaignId, String vin, State status, long version, int attempt) {}

    /** One ECU of an assignment with the image it gets. */
    public record EcuPart(String ecuSerial, State status, String failureCode, ReleaseImage image) {}

    /** An assignment the reconciler or an operator acts on. */
    public record Ref(long id, String vin) {}

    static final String ACTIVE_STATES = StatusList.of(AssignmentLifecycle.ACTIVE);
    private static final String CANCELLABLE = StatusList.of(AssignmentLifecycle.CANCELLABLE);

    private final JdbcClient jdbc;
    private final Leases leases;

    public Assignments(JdbcClient jdbc, Leases leases) {
        this.jdbc = jdbc;
        this.leases = leases;
    }

    /** The vehicle's oldest active assignment, if any. */
    public Optional<Active> activeFor(String vin) {
        return jdbc.sql("""
                SELECT a.id, a.campaign_id, a.vin, a.status, c.status, a.version, c.schedule_json, a.attempt,
                    a.deferred_reason, c.rollback_of FROM assignment a
                JOIN campaign c ON c.id = a.campaign_id
                WHERE a.vin = :vin AND a.status IN %s ORDER BY a.id FETCH FIRST 1 ROWS ONLY""".formatted(ACTIVE_STATES))
                .param("vin", vin)
                .query((rs, i) -> new Active(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3).trim(),
                        State.valueOf(rs.getString(4)),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getString(7),
                        rs.getInt(8),
                        rs.getString(9),
                        rs.getObject(10) != null))
                .optional();
    }

    /**
     * Locks the vehicle's assignment for the rest of the transaction. Every writer of an assignment or its
     * ECU parts (delivery, event tracking, cancel) locks the assignment row first, so their changes
     * serialize and the assignment's state is always derived from the ECU states it was written with.
     */
    public Optional<Locked> lock(long id, String vin) {
        return jdbc.sql("SELECT id, campaign_id, vin, status, version, attempt FROM assignment WHERE id = :id "
                        + "AND vin = :vin FOR UPDATE")
                .param("id", id)
                .param("vin", vin)
                .query((rs, i) -> new Locked(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3).trim(),
                        State.valueOf(rs.getString(4)),
                        rs.getLong(5),
                        rs.getInt(6)))
                .optional();
    }

    public List<EcuPart> ecus(long assignmentId) {
        return jdbc.sql("""
                SELECT ae.ecu_serial, ae.status, ae.failure_code, ci.image_id, ci.hardware_id, ci.ecu_type,
                    ci.target_path, ci.sw_version, ci.release_counter, ci.length, ci.sha256, ci.sha512,
                    ci.install_type, ci.signed_target
                FROM assignment_ecu ae JOIN assignment a ON a.id = ae.assignment_id
                JOIN campaign_image ci ON ci.campaign_id = a.campaign_id AND ci.hardware_id = ae.hardware_id
                WHERE ae.assignment_id = :id ORDER BY ae.ecu_serial""")
                .param("id", assignmentId)
                .query((rs, i) -> new EcuPart(
                        rs.getString(1),
                        State.valueOf(rs.getString(2)),
                        rs.getString(3),
                        new ReleaseImage(
                                rs.getLong(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getLong(9),
                                rs.getLong(10),
                                rs.getString(11),
                                rs.getString(12),
                                rs.getString(13),
                                rs.getString(14))))
                .list();
    }

    /** Moves an ECU part from one state to the next; returns false when it was not in {@code from}. */
    public boolean updateEcu(long assignmentId, String ecuSerial, State from, State to, String failureCode) {
        return updateEcu(assignmentId, ecuSerial, from, to, failureCode, false);
    }

    /**
     * {@link #updateEcu(long, String, State, State, String)}, also marking the part as one whose vehicle began
     * installing when {@code installStarted} (never unmarked): what a rollback campaign undoes.
     */
    public boolean updateEcu(
            long assignmentId, String ecuSerial, State from, State to, String failureCode, boolean installStarted) {
        return jdbc.sql("""
                UPDATE assignment_ecu SET status = :status, failure_code = COALESCE(:code, failure_code)%s
                WHERE assignment_id = :id AND ecu_serial = :serial AND status = :from""".formatted(installStarted ? ", install_started = TRUE" : ""))
                        .param("status", to.name())
                        .param("code", failureCode)
                        .param("id", assignmentId)
                        .param("serial", ecuSerial)
                        .param("from", from.name())
                        .update()
                == 1;
    }

    /**
     * Moves the assignment; the caller holds its lock ({@link #lock}), so a changed version means a writer
     * bypassed the lock: refused rather than silently lost.
     */
    public void update(
            long id,
            long expectedVersion,
            State status,
            FailureCategory category,
            String failureCode,
            OffsetDateTime now) {
        int rows = jdbc.sql("""
                UPDATE assignment SET status = :status, failure_category = :category, failure_code = :code,
                    retry_at = NULL, version = version + 1, updated_at = :now WHERE id = :id AND version = :version""")
                .param("status", status.name())
                .param("category", category == null ? null : category.name())
                .param("code", failureCode)
                .param("now", now)
                .param("id", id)
                .param("version", expectedVersion)
                .update();
        if (rows == 0) {
            throw new OptimisticLockingFailureException("assignment " + id + " changed concurrently");
        }
    }

    /**
     * Cancels every assignment of the campaign not yet installing, and their ECU parts; returns how many.
     * The assignment rows are updated (locked) first, in the same order as every other writer, so a
     * vehicle report racing the cancel either lands before it or finds the assignment cancelled.
     */
    public int cancelNotInstalling(long campaignId, OffsetDateTime now) {
        int cancelled = jdbc.sql("""
                UPDATE assignment SET status = 'CANCELLED', version = version + 1, updated_at = :now
                WHERE campaign_id = :cid AND status IN %s""".formatted(CANCELLABLE))
                .param("cid", campaignId)
                .param("now", now)
                .update();
        jdbc.sql("""
                UPDATE assignment_ecu SET status = 'CANCELLED' WHERE status IN %s
                    AND assignment_id IN (SELECT id FROM assignment WHERE campaign_id = :cid
                    AND status = 'CANCELLED')""".formatted(CANCELLABLE)).param("cid", campaignId).update();
        jdbc.sql("UPDATE assignment SET retry_at = NULL WHERE campaign_id = :cid AND retry_at IS NOT NULL")
                .param("cid", campaignId)
                .update();
        return cancelled;
    }

    /**
     * A rollback campaign's assignments: one per vehicle of {@code originalId} with an ECU part that began
     * installing, with exactly those parts, each to the rollback campaign's image for its hardware id. No
     * eligibility rule applies (the known-good image has a lower release counter by design, and a vehicle
     * that already rolled back on its own reports it installed). Returns how many vehicles.
     */
    public int createRollback(long rollbackId, long originalId, OffsetDateTime now) {
        leases.lockUntilCommit(EligibilityReadModel.ASSIGNMENT_CREATION);
        int vehicles = jdbc.sql("""
                INSERT INTO assignment (campaign_id, vin, status, version, created_at, updated_at)
                SELECT :rid, o.vin, 'PENDING', 0, :now, :now FROM assignment o
                WHERE o.campaign_id = :oid AND EXISTS (SELECT 1 FROM assignment_ecu ae JOIN campaign_image ci
                    ON ci.campaign_id = :rid AND ci.hardware_id = ae.hardware_id
                    WHERE ae.assignment_id = o.id AND ae.install_started = TRUE)""")
                .param("rid", rollbackId)
                .param("oid", originalId)
                .param("now", now)
                .update();
        jdbc.sql("""
                INSERT INTO assignment_ecu (assignment_id, ecu_serial, hardware_id, status)
                SELECT r.id, ae.ecu_serial, ae.hardware_id, 'PENDING' FROM assignment r
                JOIN assignment o ON o.vin = r.vin AND o.campaign_id = :oid
                JOIN assignment_ecu ae ON ae.assignment_id = o.id AND ae.install_started = TRUE
                JOIN campaign_image ci ON ci.campaign_id = :rid AND ci.hardware_id = ae.hardware_id
                WHERE r.campaign_id = :rid""").param("rid", rollbackId).param("oid", originalId).update();
        return vehicles;
    }

    /** Counts by state, and failed ones by category. */
    public Map<String, Long> countByStatus(long campaignId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT status, COUNT(*) FROM assignment WHERE campaign_id = :cid GROUP BY status ORDER BY status")
                .param("cid", campaignId)
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    public Map<String, Long> countByFailureCategory(long campaignId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT failure_category, COUNT(*) FROM assignment WHERE campaign_id = :cid
                AND failure_category IS NOT NULL GROUP BY failure_category ORDER BY failure_category""").param("cid", campaignId).query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    /** The vehicle's assignment in this campaign. */
    public Optional<Ref> of(long campaignId, String vin) {
        return jdbc.sql("SELECT id, vin FROM assignment WHERE campaign_id = :cid AND vin = :vin")
                .param("cid", campaignId)
                .param("vin", vin)
                .query((rs, i) -> new Ref(rs.getLong(1), rs.getString(2).trim()))
                .optional();
    }

    /** Marks a locked, pending assignment delivered now: the rollout rate counts {@code delivered_at}. */
    public void delivered(long id, long expectedVersion, OffsetDateTime now) {
        int rows = jdbc.sql("""
                UPDATE assignment SET status = 'DELIVERED', delivered_at = :now, deferred_reason = NULL,
                    deferred_until = NULL, version = version + 1, updated_at = :now
                WHERE id = :id AND version = :version""")
                .param("now", now)
                .param("id", id)
                .param("version", expectedVersion)
                .update();
        if (rows == 0) {
            throw new OptimisticLockingFailureException("assignment " + id + " changed concurrently");
        }
    }

    /**
     * Records why a pending assignment is not offered yet (shown in progress and the exception queue). Not a
     * change of the assignment (no version bump); written only when the reason changes.
     */
    public void deferred(long id, String reason, OffsetDateTime until) {
        jdbc.sql("""
                UPDATE assignment SET deferred_reason = :reason, deferred_until = :until
                WHERE id = :id AND status = 'PENDING'""")
                .param("reason", reason)
                .param("until", until, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("id", id)
                .update();
    }

    /** Whether an assignment of this vehicle (in any state) sends the image with this sha256. */
    public boolean assigns(String vin, String sha256) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM assignment a JOIN assignment_ecu ae ON ae.assignment_id = a.id
                JOIN campaign_image ci ON ci.campaign_id = a.campaign_id AND ci.hardware_id = ae.hardware_id
                WHERE a.vin = :vin AND ci.sha256 = :sha""")
                        .param("vin", vin)
                        .param("sha", sha256)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
