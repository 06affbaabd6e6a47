package io.pitwall.server.campaign.persistence;

import io.pitwall.server.campaign.AssignmentLifecycle.State;
import io.pitwall.server.campaign.FailureCategory;
import io.pitwall.server.campaign.ReleaseImage;
import io.pitwall.server.campaign.TargetFilter;
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

    /** A vehicle's assignment with its campaign's status. */
    public record Active(long id, long campaignId, String vin, State status, String campaignStatus, long version,
            boolean rollback) {
    }

    /** An assignment row as locked for a change: nobody else moves it or its ECUs until the commit. */
    public record Locked(long id, long campaignId, String vin, State status, long version) {
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
            AND NOT EXISTS (SELECT 1 FROM image i WHERE i.sha256 = e.image_hash AND i.hardware_id = e.hardware_id
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
                SELECT a.id, a.campaign_id, a.vin, a.status, c.status, a.version, c.rollback_of FROM assignment a
                JOIN campaign c ON c.id = a.campaign_id
                WHERE a.vin = :vin AND a.status IN %s ORDER BY a.id FETCH FIRST 1 ROWS ONLY""".formatted(ACTIVE_STATES))
                .param("vin", vin)
                .query((rs, i) -> new Active(rs.getLong(1), rs.getLong(2), rs.getString(3).trim(),
                        State.valueOf(rs.getString(4)), rs.getString(5), rs.getLong(6), rs.getObject(7) != null))
                .optional();
    }

    /**
     * Locks the vehicle's assignment for the rest of the transaction. Every writer of an assignment or its
     * ECU parts (delivery, event tracking, cancel) locks the assignment row first, so their changes
     * serialize and the assignment's state is always derived from the ECU states it was written with.
     */
    public Optional<Locked> lock(long id, String vin) {
        return jdbc.sql("SELECT id, campaign_id, vin, status, version FROM assignment WHERE id = :id AND vin = :vin "
                + "FOR UPDATE")
                .param("id", id).param("vin", vin)
                .query((rs, i) -> new Locked(rs.getLong(1), rs.getLong(2), rs.getString(3).trim(),
                        State.valueOf(rs.getString(4)), rs.getLong(5)))
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
                    version = version + 1, updated_at = :now WHERE id = :id AND version = :version""")
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

    /** Whether an assignment of this vehicle (in any state) sends the image with this sha256. */
    public boolean assigns(String vin, String sha256) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM assignment a JOIN assignment_ecu ae ON ae.assignment_id = a.id
                JOIN campaign_image ci ON ci.campaign_id = a.campaign_id AND ci.hardware_id = ae.hardware_id
                WHERE a.vin = :vin AND ci.sha256 = :sha""")
                .param("vin", vin).param("sha", sha256).query(Long.class).single() > 0;
    }
}
