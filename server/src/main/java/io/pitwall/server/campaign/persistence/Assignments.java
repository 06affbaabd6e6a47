package io.pitwall.server.campaign.persistence;

import io.pitwall.server.campaign.FailureCategory;
import io.pitwall.server.campaign.TargetFilter;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.State;
import io.pitwall.server.campaign.delivery.ReleaseImage;
import io.pitwall.server.inventory.VehicleSelection;
import io.pitwall.server.inventory.VehicleSelector;
import io.pitwall.server.shared.Leases;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Assignments and their ECUs. Eligibility is computed set-based in one statement per table; it reads the
 * inventory's vehicle and ECU tables (through the inventory's compiled {@link VehicleSelection} too) and the
 * catalog's image table read-only (the documented exception to
 * "no module reads another's tables": a per-vehicle API call would make large starts take minutes).
 */
@Repository
public class Assignments {

    /**
     * A vehicle's assignment with its campaign's status and stored schedule JSON (null: none), the attempt
     * and why the vehicle was last deferred (null: it was not); {@code rollback}: a rollback campaign's.
     */
    public record Active(long id, long campaignId, String vin, State status, String campaignStatus, long version,
            String scheduleJson, int attempt, String deferredReason, boolean rollback) {
    }

    /** An assignment row as locked for a change: nobody else moves it or its ECUs until the commit. */
    public record Locked(long id, long campaignId, String vin, State status, long version, int attempt) {
    }

    /** One ECU of an assignment with the image it gets. */
    public record EcuPart(String ecuSerial, State status, String failureCode, ReleaseImage image) {
    }

    /** The named lock {@link #createEligible} and {@link #createForWave} take; tests hold it to race them. */
    public static final String ASSIGNMENT_CREATION = "campaign-assignment-creation";
    static final String ACTIVE_STATES = "('PENDING', 'DELIVERED', 'DOWNLOADING', 'DOWNLOADED', 'INSTALLING')";
    static final String ECU_ELIGIBLE = """
            e.update_policy = 'REMOTE'
            AND (e.image_hash IS NULL OR e.image_hash <> ci.sha256)
            AND e.software_version <> ci.sw_version
            AND NOT EXISTS (SELECT 1 FROM image i WHERE i.hardware_id = e.hardware_id
                AND (i.sha256 = e.image_hash OR (e.image_hash IS NULL AND i.sw_version = e.software_version))
                AND i.release_counter > ci.release_counter)""";

    private final JdbcClient jdbc;
    private final VehicleSelector selector;
    private final Leases leases;

    public Assignments(JdbcClient jdbc, VehicleSelector selector, Leases leases) {
        this.jdbc = jdbc;
        this.selector = selector;
        this.leases = leases;
    }

    /**
     * Creates one assignment per eligible vehicle and its ECU parts; returns how many vehicles. Eligible: the
     * filter matches, an ECU can take an image (remote, not current, no downgrade), the images' dependencies
     * are met ({@link MissingDependencies}) and no other assignment is active. The filter's RSQL query is
     * compiled now, so its version ranges see the fleet as it is at the start.
     */
    public int createEligible(long campaignId, TargetFilter filter, OffsetDateTime now) {
        return create(campaignId, filter, null, "", Map.of(), null, now);
    }

    /**
     * A wave's part of {@link #createEligible}: the eligible vehicles not yet in this campaign that also
     * meet {@code condition} (over {@code vehicle v}, its values in {@code params}), at most {@code limit}
     * of them (lowest VINs first) when a limit is given, tagged with the wave's number.
     */
    public int createForWave(long campaignId, TargetFilter filter, int wave, String condition,
            Map<String, Object> params, Long limit, OffsetDateTime now) {
        return create(campaignId, filter, wave, condition, params, limit, now);
    }

    /** How many eligible vehicles not yet in this campaign meet the condition (to size a percentage wave). */
    public long countForWave(long campaignId, TargetFilter filter, String condition, Map<String, Object> params) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        var count = jdbc.sql("SELECT COUNT(*) FROM vehicle v WHERE " + eligibleWhere(campaignId, filter, condition, all))
                .param("cid", campaignId);
        for (var p : all.entrySet()) {
            count = count.param(p.getKey(), p.getValue());
        }
        return count.query(Long.class).single();
    }

    private int create(long campaignId, TargetFilter filter, Integer wave, String condition, Map<String, Object> extra,
            Long limit, OffsetDateTime now) {
        // One campaign at a time assigns vehicles, on every node: the "no other active assignment" check
        // below then sees the assignments of a campaign that started a moment earlier, so no vehicle ends
        // up in two campaigns at once.
        leases.lockUntilCommit(ASSIGNMENT_CREATION);
        Map<String, Object> params = new LinkedHashMap<>(extra);
        String where = eligibleWhere(campaignId, filter, condition, params);
        var insert = jdbc.sql("""
                INSERT INTO assignment (campaign_id, vin, status, version, created_at, updated_at, wave_no)
                SELECT :cid, v.vin, 'PENDING', 0, :now, :now, :wave FROM vehicle v
                WHERE %s%s""".formatted(where, limit == null ? "" : " ORDER BY v.vin FETCH FIRST :limit ROWS ONLY"))
                .param("cid", campaignId).param("now", now).param("wave", wave, java.sql.Types.INTEGER);
        if (limit != null) {
            insert = insert.param("limit", limit);
        }
        for (var p : params.entrySet()) {
            insert = insert.param(p.getKey(), p.getValue());
        }
        int vehicles = insert.update();
        jdbc.sql("""
                INSERT INTO assignment_ecu (assignment_id, ecu_serial, hardware_id, status)
                SELECT a.id, e.serial, e.hardware_id, 'PENDING' FROM assignment a
                JOIN ecu e ON e.vin = a.vin
                JOIN campaign_image ci ON ci.campaign_id = a.campaign_id AND ci.hardware_id = e.hardware_id
                WHERE a.campaign_id = :cid AND %s
                AND NOT EXISTS (SELECT 1 FROM assignment_ecu x WHERE x.assignment_id = a.id)""".formatted(ECU_ELIGIBLE))
                .param("cid", campaignId).update();
        return vehicles;
    }

    /**
     * Eligible for this campaign, over {@code vehicle v}: the filter matches, an ECU can take an image, the
     * dependencies are met, no other assignment is active, and the vehicle is not in this campaign yet.
     */
    private String eligibleWhere(long campaignId, TargetFilter filter, String condition, Map<String, Object> params) {
        String vehicleFilter = vehicleConditions(filter, selector.compile(filter.query()), params)
                + MissingDependencies.condition(jdbc, DryRuns.Images.ofCampaign(campaignId), params)
                        .map(missing -> " AND NOT " + missing).orElse("");
        return """
                EXISTS (SELECT 1 FROM ecu e JOIN campaign_image ci ON ci.hardware_id = e.hardware_id
                    WHERE ci.campaign_id = :cid AND e.vin = v.vin AND %s)
                AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.vin = v.vin AND a.status IN %s)
                AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.vin = v.vin AND a.campaign_id = :cid)
                %s%s""".formatted(ECU_ELIGIBLE, ACTIVE_STATES, vehicleFilter,
                condition.isBlank() ? "" : " AND (" + condition + ")");
    }

    /** How many vehicles the filter matches that have an ECU the campaign could update (for its risk class). */
    public long countMatching(long campaignId, TargetFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        String vehicleFilter = vehicleConditions(filter, selector.compile(filter.query()), params);
        var count = jdbc.sql("""
                SELECT COUNT(*) FROM vehicle v
                WHERE EXISTS (SELECT 1 FROM ecu e JOIN campaign_image ci ON ci.hardware_id = e.hardware_id
                    WHERE ci.campaign_id = :cid AND e.vin = v.vin AND %s)
                %s""".formatted(ECU_ELIGIBLE, vehicleFilter)).param("cid", campaignId);
        for (var p : params.entrySet()) {
            count = count.param(p.getKey(), p.getValue());
        }
        return count.query(Long.class).single();
    }

    /** The filter as {@code AND ...} conditions over {@code vehicle v} (or nothing), its values put in params. */
    static String vehicleConditions(TargetFilter filter, VehicleSelection selection, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        if (!selection.equals(VehicleSelection.all())) {
            conditions.add(selection.sql());
            params.putAll(selection.params());
        }
        if (filter.model() != null) {
            conditions.add("v.model = :model");
            params.put("model", filter.model());
        }
        if (filter.region() != null) {
            conditions.add("v.region = :region");
            params.put("region", filter.region());
        }
        if (filter.tag() != null) {
            conditions.add("EXISTS (SELECT 1 FROM vehicle_tag t WHERE t.vin = v.vin AND t.tag = :tag)");
            params.put("tag", filter.tag());
        }
        int n = 0;
        for (var attribute : filter.attributes().entrySet()) {
            conditions.add("EXISTS (SELECT 1 FROM vehicle_attribute va WHERE va.vin = v.vin AND va.name = :an" + n
                    + " AND va.attr_value = :av" + n + ")");
            params.put("an" + n, attribute.getKey());
            params.put("av" + n, attribute.getValue());
            n++;
        }
        return conditions.isEmpty() ? "" : "AND " + String.join(" AND ", conditions);
    }

    /** The vehicle's oldest active assignment, if any. */
    public Optional<Active> activeFor(String vin) {
        return jdbc.sql("""
                SELECT a.id, a.campaign_id, a.vin, a.status, c.status, a.version, c.schedule_json, a.attempt,
                    a.deferred_reason, c.rollback_of FROM assignment a
                JOIN campaign c ON c.id = a.campaign_id
                WHERE a.vin = :vin AND a.status IN %s ORDER BY a.id FETCH FIRST 1 ROWS ONLY""".formatted(ACTIVE_STATES))
                .param("vin", vin)
                .query((rs, i) -> new Active(rs.getLong(1), rs.getLong(2), rs.getString(3).trim(),
                        State.valueOf(rs.getString(4)), rs.getString(5), rs.getLong(6), rs.getString(7), rs.getInt(8),
                        rs.getString(9), rs.getObject(10) != null))
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
                .param("id", id).param("vin", vin)
                .query((rs, i) -> new Locked(rs.getLong(1), rs.getLong(2), rs.getString(3).trim(),
                        State.valueOf(rs.getString(4)), rs.getLong(5), rs.getInt(6)))
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
                .query((rs, i) -> new EcuPart(rs.getString(1), State.valueOf(rs.getString(2)), rs.getString(3),
                        new ReleaseImage(rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getString(8), rs.getLong(9), rs.getLong(10), rs.getString(11), rs.getString(12),
                                rs.getString(13), rs.getString(14))))
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
    public boolean updateEcu(long assignmentId, String ecuSerial, State from, State to, String failureCode,
            boolean installStarted) {
        return jdbc.sql("""
                UPDATE assignment_ecu SET status = :status, failure_code = COALESCE(:code, failure_code)%s
                WHERE assignment_id = :id AND ecu_serial = :serial AND status = :from"""
                .formatted(installStarted ? ", install_started = TRUE" : ""))
                .param("status", to.name()).param("code", failureCode).param("id", assignmentId)
                .param("serial", ecuSerial).param("from", from.name()).update() == 1;
    }

    /**
     * Moves the assignment; the caller holds its lock ({@link #lock}), so a changed version means a writer
     * bypassed the lock: refused rather than silently lost.
     */
    public void update(long id, long expectedVersion, State status, FailureCategory category, String failureCode,
            OffsetDateTime now) {
        int rows = jdbc.sql("""
                UPDATE assignment SET status = :status, failure_category = :category, failure_code = :code,
                    retry_at = NULL, version = version + 1, updated_at = :now WHERE id = :id AND version = :version""")
                .param("status", status.name()).param("category", category == null ? null : category.name())
                .param("code", failureCode).param("now", now).param("id", id).param("version", expectedVersion)
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
                WHERE campaign_id = :cid AND status IN ('PENDING', 'DELIVERED', 'DOWNLOADING', 'DOWNLOADED')""")
                .param("cid", campaignId).param("now", now).update();
        jdbc.sql("""
                UPDATE assignment_ecu SET status = 'CANCELLED' WHERE status IN ('PENDING', 'DELIVERED', 'DOWNLOADING',
                    'DOWNLOADED') AND assignment_id IN (SELECT id FROM assignment WHERE campaign_id = :cid
                    AND status = 'CANCELLED')""")
                .param("cid", campaignId).update();
        jdbc.sql("UPDATE assignment SET retry_at = NULL WHERE campaign_id = :cid AND retry_at IS NOT NULL")
                .param("cid", campaignId).update();
        return cancelled;
    }

    /**
     * A rollback campaign's assignments: one per vehicle of {@code originalId} with an ECU part that began
     * installing, with exactly those parts, each to the rollback campaign's image for its hardware id. No
     * eligibility rule applies (the known-good image has a lower release counter by design, and a vehicle
     * that already rolled back on its own reports it installed). Returns how many vehicles.
     */
    public int createRollback(long rollbackId, long originalId, OffsetDateTime now) {
        leases.lockUntilCommit(ASSIGNMENT_CREATION);
        int vehicles = jdbc.sql("""
                INSERT INTO assignment (campaign_id, vin, status, version, created_at, updated_at)
                SELECT :rid, o.vin, 'PENDING', 0, :now, :now FROM assignment o
                WHERE o.campaign_id = :oid AND EXISTS (SELECT 1 FROM assignment_ecu ae JOIN campaign_image ci
                    ON ci.campaign_id = :rid AND ci.hardware_id = ae.hardware_id
                    WHERE ae.assignment_id = o.id AND ae.install_started = TRUE)""")
                .param("rid", rollbackId).param("oid", originalId).param("now", now).update();
        jdbc.sql("""
                INSERT INTO assignment_ecu (assignment_id, ecu_serial, hardware_id, status)
                SELECT r.id, ae.ecu_serial, ae.hardware_id, 'PENDING' FROM assignment r
                JOIN assignment o ON o.vin = r.vin AND o.campaign_id = :oid
                JOIN assignment_ecu ae ON ae.assignment_id = o.id AND ae.install_started = TRUE
                JOIN campaign_image ci ON ci.campaign_id = :rid AND ci.hardware_id = ae.hardware_id
                WHERE r.campaign_id = :rid""")
                .param("rid", rollbackId).param("oid", originalId).update();
        return vehicles;
    }

    /** How many vehicles of the campaign have an ECU part that began installing (what a rollback undoes). */
    public long countChanged(long campaignId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM assignment a WHERE a.campaign_id = :cid AND EXISTS (SELECT 1 FROM assignment_ecu ae
                    WHERE ae.assignment_id = a.id AND ae.install_started = TRUE)""")
                .param("cid", campaignId).query(Long.class).single();
    }

    /** Up to {@code limit} VINs of the campaign's assignments in this state, in VIN order. */
    public List<String> vinsIn(long campaignId, State state, int limit) {
        return jdbc.sql("""
                SELECT vin FROM assignment WHERE campaign_id = :cid AND status = :status ORDER BY vin
                FETCH FIRST :limit ROWS ONLY""")
                .param("cid", campaignId).param("status", state.name()).param("limit", limit)
                .query((rs, i) -> rs.getString(1).trim()).list();
    }

    /** Counts by state, and failed ones by category. */
    public Map<String, Long> countByStatus(long campaignId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT status, COUNT(*) FROM assignment WHERE campaign_id = :cid GROUP BY status ORDER BY status")
                .param("cid", campaignId).query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    public Map<String, Long> countByFailureCategory(long campaignId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT failure_category, COUNT(*) FROM assignment WHERE campaign_id = :cid
                AND failure_category IS NOT NULL GROUP BY failure_category ORDER BY failure_category""")
                .param("cid", campaignId).query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /** One vehicle of a campaign's exception queue. */
    public record ExceptionRow(String vin, long id, int attempt, State status, String kind, String failureCategory,
            String failureCode, String deferredReason, OffsetDateTime deferredUntil, OffsetDateTime retryAt,
            OffsetDateTime since, String comment) {
    }

    private static final String EXCEPTIONAL = """
            a.campaign_id = :cid AND a.excluded_by IS NULL AND (a.status IN ('FAILED', 'ROLLED_BACK', 'TIMED_OUT')
            OR (a.status = 'PENDING' AND a.deferred_reason IS NOT NULL)
            OR (a.status IN ('DELIVERED', 'DOWNLOADING', 'DOWNLOADED', 'INSTALLING') AND a.updated_at < :stale))""";

    /**
     * The campaign's stuck (timed out, or in progress without a change since {@code stale}), failed and
     * deferred vehicles, not excluded, by VIN.
     */
    public List<ExceptionRow> exceptions(long campaignId, OffsetDateTime stale, int page, int size) {
        return jdbc.sql("""
                SELECT a.vin, a.id, a.attempt, a.status, CASE WHEN a.status = 'TIMED_OUT' THEN 'TIMED_OUT'
                    WHEN a.status IN ('FAILED', 'ROLLED_BACK') THEN 'FAILED' WHEN a.status = 'PENDING' THEN 'DEFERRED'
                    ELSE 'NO_PROGRESS' END, a.failure_category, a.failure_code, a.deferred_reason, a.deferred_until,
                    a.retry_at, a.updated_at, a.exception_comment
                FROM assignment a WHERE %s ORDER BY a.vin OFFSET :o ROWS FETCH NEXT :s ROWS ONLY""".formatted(EXCEPTIONAL))
                .param("cid", campaignId).param("stale", stale).param("o", (long) page * size).param("s", size)
                .query((rs, i) -> new ExceptionRow(rs.getString(1).trim(), rs.getLong(2), rs.getInt(3),
                        State.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class),
                        rs.getObject(11, OffsetDateTime.class), rs.getString(12)))
                .list();
    }

    /** The vehicle's row of the campaign's exception queue, if it is in the queue. */
    public Optional<ExceptionRow> exception(long campaignId, String vin, OffsetDateTime stale) {
        return jdbc.sql("""
                SELECT a.vin, a.id, a.attempt, a.status, CASE WHEN a.status = 'TIMED_OUT' THEN 'TIMED_OUT'
                    WHEN a.status IN ('FAILED', 'ROLLED_BACK') THEN 'FAILED' WHEN a.status = 'PENDING' THEN 'DEFERRED'
                    ELSE 'NO_PROGRESS' END, a.failure_category, a.failure_code, a.deferred_reason, a.deferred_until,
                    a.retry_at, a.updated_at, a.exception_comment
                FROM assignment a WHERE a.vin = :vin AND %s""".formatted(EXCEPTIONAL))
                .param("cid", campaignId).param("stale", stale).param("vin", vin)
                .query((rs, i) -> new ExceptionRow(rs.getString(1).trim(), rs.getLong(2), rs.getInt(3),
                        State.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class),
                        rs.getObject(11, OffsetDateTime.class), rs.getString(12)))
                .optional();
    }

    public long countExceptions(long campaignId, OffsetDateTime stale) {
        return jdbc.sql("SELECT COUNT(*) FROM assignment a WHERE " + EXCEPTIONAL).param("cid", campaignId)
                .param("stale", stale).query(Long.class).single();
    }

    /** The vehicle's assignment in this campaign. */
    public Optional<Ref> of(long campaignId, String vin) {
        return jdbc.sql("SELECT id, vin FROM assignment WHERE campaign_id = :cid AND vin = :vin")
                .param("cid", campaignId).param("vin", vin)
                .query((rs, i) -> new Ref(rs.getLong(1), rs.getString(2).trim())).optional();
    }

    /**
     * Takes a locked assignment out of the campaign's exception queue for good: one not yet installing is
     * cancelled (and its ECU parts), no retry follows, and who did it and why is kept.
     */
    public void exclude(long id, State status, String by, String comment, OffsetDateTime now) {
        boolean cancel = status.isActive();
        jdbc.sql("""
                UPDATE assignment SET status = CASE WHEN :cancel THEN 'CANCELLED' ELSE status END, retry_at = NULL,
                    excluded_by = :by, exception_comment = :comment, version = version + 1, updated_at = :now
                WHERE id = :id""")
                .param("cancel", cancel).param("by", by).param("comment", comment).param("now", now).param("id", id)
                .update();
        if (cancel) {
            jdbc.sql("""
                    UPDATE assignment_ecu SET status = 'CANCELLED' WHERE assignment_id = :id
                    AND status IN ('PENDING', 'DELIVERED', 'DOWNLOADING', 'DOWNLOADED')""").param("id", id).update();
        }
    }

    /** Keeps the operator's comment on an assignment retried from the exception queue. */
    public void comment(long id, String comment) {
        jdbc.sql("UPDATE assignment SET exception_comment = :c WHERE id = :id").param("c", comment).param("id", id)
                .update();
    }

    /** An assignment the reconciler or an operator acts on. */
    public record Ref(long id, String vin) {
    }

    /** Attempts of the campaign in progress (delivered, not ended) since before {@code cutoff}, oldest first. */
    public List<Ref> inProgressSince(long campaignId, OffsetDateTime cutoff, int limit) {
        return jdbc.sql("""
                SELECT id, vin FROM assignment WHERE campaign_id = :cid
                AND status IN ('DELIVERED', 'DOWNLOADING', 'DOWNLOADED', 'INSTALLING') AND delivered_at < :cutoff
                ORDER BY id FETCH FIRST :limit ROWS ONLY""")
                .param("cid", campaignId).param("cutoff", cutoff).param("limit", limit)
                .query((rs, i) -> new Ref(rs.getLong(1), rs.getString(2).trim())).list();
    }

    /** Failed or timed-out assignments of the campaign whose retry is due. */
    public List<Ref> retriesDue(long campaignId, OffsetDateTime now, int limit) {
        return jdbc.sql("""
                SELECT id, vin FROM assignment WHERE campaign_id = :cid AND retry_at <= :now
                ORDER BY retry_at, id FETCH FIRST :limit ROWS ONLY""")
                .param("cid", campaignId).param("now", now).param("limit", limit)
                .query((rs, i) -> new Ref(rs.getLong(1), rs.getString(2).trim())).list();
    }

    /** Schedules another attempt of a failed or timed-out assignment; the caller holds its lock. */
    public void retryAt(long id, OffsetDateTime at) {
        jdbc.sql("UPDATE assignment SET retry_at = :at WHERE id = :id").param("at", at).param("id", id).update();
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
                WHERE id = :id AND version = :version AND status IN ('FAILED', 'TIMED_OUT')""")
                .param("now", now).param("id", id).param("version", expectedVersion).update();
        if (rows == 0) {
            throw new OptimisticLockingFailureException("assignment " + id + " changed concurrently");
        }
        jdbc.sql("""
                UPDATE assignment_ecu SET status = 'PENDING', failure_code = NULL
                WHERE assignment_id = :id AND status <> 'SUCCEEDED'""").param("id", id).update();
    }

    /** Marks a locked, pending assignment delivered now: the rollout rate counts {@code delivered_at}. */
    public void delivered(long id, long expectedVersion, OffsetDateTime now) {
        int rows = jdbc.sql("""
                UPDATE assignment SET status = 'DELIVERED', delivered_at = :now, deferred_reason = NULL,
                    deferred_until = NULL, version = version + 1, updated_at = :now
                WHERE id = :id AND version = :version""")
                .param("now", now).param("id", id).param("version", expectedVersion).update();
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
                .param("reason", reason).param("until", until, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("id", id).update();
    }

    /** A vehicle's region and whether its latest check-in reported owner consent (never checked in: no). */
    public record RegionConsent(String region, boolean consent) {
    }

    /** The inventory's region and the latest reported consent, read-only, for the campaign's vehicle-state policy. */
    public Optional<RegionConsent> regionAndConsent(String vin) {
        return jdbc.sql("SELECT v.region, r.consent FROM vehicle v LEFT JOIN vehicle_report r ON r.vin = v.vin "
                + "WHERE v.vin = :vin").param("vin", vin)
                .query((rs, i) -> new RegionConsent(rs.getString(1), rs.getBoolean(2))).optional();
    }

    /** The vehicle's own IANA time zone, from its {@code timeZone} attribute (inventory, read-only). */
    public Optional<String> vehicleTimeZone(String vin) {
        return jdbc.sql("SELECT attr_value FROM vehicle_attribute WHERE vin = :vin AND name = 'timeZone'")
                .param("vin", vin).query(String.class).optional();
    }

    /**
     * Serialises deliveries of one campaign across nodes until the commit, so the rollout rate's count of
     * the last minute cannot be passed by two deliveries at once. A no-op update, like {@code completeIfDone}:
     * taken after the assignment row (the lock order), and no conflict with foreign-key share locks.
     */
    public void lockCampaignDeliveries(long campaignId) {
        jdbc.sql("UPDATE campaign SET version = version WHERE id = :id").param("id", campaignId).update();
    }

    /** Deliveries since an instant: how many, and the earliest of them (null when none). */
    public record Deliveries(long count, OffsetDateTime earliest) {
    }

    public Deliveries deliveredSince(long campaignId, OffsetDateTime since) {
        return jdbc.sql("""
                SELECT COUNT(*), MIN(delivered_at) FROM assignment WHERE campaign_id = :cid AND delivered_at > :since""")
                .param("cid", campaignId).param("since", since)
                .query((rs, i) -> new Deliveries(rs.getLong(1), rs.getObject(2, OffsetDateTime.class))).single();
    }

    /** How many vehicles were notified so far, and how many succeeded (an exponential rate's criterion). */
    public long[] notifiedAndSucceeded(long campaignId) {
        return jdbc.sql("""
                SELECT COUNT(delivered_at), COALESCE(SUM(CASE WHEN status = 'SUCCEEDED' THEN 1 ELSE 0 END), 0)
                FROM assignment WHERE campaign_id = :cid""")
                .param("cid", campaignId).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    /** Pending vehicles not offered their update yet, by reason. */
    public Map<String, Long> countDeferred(long campaignId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT deferred_reason, COUNT(*) FROM assignment WHERE campaign_id = :cid AND status = 'PENDING'
                AND deferred_reason IS NOT NULL GROUP BY deferred_reason ORDER BY deferred_reason""")
                .param("cid", campaignId).query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /** Whether an assignment of this vehicle (in any state) sends the image with this sha256. */
    public boolean assigns(String vin, String sha256) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM assignment a JOIN assignment_ecu ae ON ae.assignment_id = a.id
                JOIN campaign_image ci ON ci.campaign_id = a.campaign_id AND ci.hardware_id = ae.hardware_id
                WHERE a.vin = :vin AND ci.sha256 = :sha""")
                .param("vin", vin).param("sha", sha256).query(Long.class).single() > 0;
    }
}
