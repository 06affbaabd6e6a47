package io.pitwall.server.campaign.persistence;

import io.pitwall.server.campaign.Campaign;
import io.pitwall.server.campaign.CampaignRisk;
import io.pitwall.server.campaign.CampaignStatus;
import io.pitwall.server.campaign.TargetFilter;
import io.pitwall.server.campaign.delivery.CampaignSchedule;
import io.pitwall.server.campaign.delivery.ReleaseImage;
import io.pitwall.server.inventory.VehicleSelector;
import io.pitwall.server.shared.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Campaigns and the image snapshot each sends. */
@Repository
public class Campaigns {

    private static final String COLUMNS =
            "id, name, release_id, status, filter_json, created_by, created_at, started_at, finished_at, submitted_by, "
                    + "submitted_at, risk_class, approval_round, emergency_hold, version, rollback_of";
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    public Campaigns(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    public long insert(String name, long releaseId, TargetFilter filter, String createdBy, OffsetDateTime now) {
        var keys = new GeneratedKeyHolder();
        String filterJson = json.writeValueAsString(filter);
        if (filterJson.length() > 4000) {
            throw VehicleSelector.invalidFilter("The target filter is too long to store");
        }
        jdbc.sql("""
                INSERT INTO campaign (name, release_id, status, filter_json, created_by, created_at, version)
                VALUES (:name, :release, 'DRAFT', :filter, :by, :now, 0)""")
                .param("name", name)
                .param("release", releaseId)
                .param("filter", filterJson)
                .param("by", createdBy)
                .param("now", now)
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    /**
     * A rollback campaign of {@code originalId}, inserted SUBMITTED with its first approval round open: its
     * requester is its creator and submitter, so neither can approve it. The unique index on
     * {@code rollback_slot} refuses a second live one (the caller holds the original's lock, so that is a bug
     * guard); {@link #releaseRollbackSlot} frees it when the rollback campaign is refused or cancelled.
     */
    public long insertRollback(
            String name, long releaseId, long originalId, String requestedBy, CampaignRisk risk, OffsetDateTime now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO campaign (name, release_id, status, filter_json, created_by, created_at, submitted_by,
                    submitted_at, risk_class, approval_round, rollback_of, rollback_slot, version)
                VALUES (:name, :release, 'SUBMITTED', :filter, :by, :now, :by, :now, :risk, 1, :original, :original, 0)""")
                .param("name", name)
                .param("release", releaseId)
                .param("filter", json.writeValueAsString(new TargetFilter(null, null, null, Map.of())))
                .param("by", requestedBy)
                .param("now", now)
                .param("risk", risk.name())
                .param("original", originalId)
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    /** The live rollback campaign of a campaign, if one was requested and not refused or cancelled. */
    public Optional<Long> rollbackOf(long originalId) {
        return jdbc.sql("SELECT id FROM campaign WHERE rollback_slot = :id")
                .param("id", originalId)
                .query(Long.class)
                .optional();
    }

    /** A refused or cancelled rollback campaign no longer counts as its original's rollback. */
    public void releaseRollbackSlot(long rollbackId) {
        jdbc.sql("UPDATE campaign SET rollback_slot = NULL WHERE id = :id")
                .param("id", rollbackId)
                .update();
    }

    public void insertImages(long campaignId, List<ReleaseImage> images) {
        template.batchUpdate("""
                INSERT INTO campaign_image (campaign_id, hardware_id, image_id, ecu_type, target_path, sw_version,
                    release_counter, length, sha256, sha512, install_type, signed_target)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", images, images.size(), (ps, i) -> {
            ps.setLong(1, campaignId);
            ps.setString(2, i.hardwareId());
            ps.setLong(3, i.imageId());
            ps.setString(4, i.ecuType());
            ps.setString(5, i.targetPath());
            ps.setString(6, i.version());
            ps.setLong(7, i.releaseCounter());
            ps.setLong(8, i.length());
            ps.setString(9, i.sha256());
            ps.setString(10, i.sha512());
            ps.setString(11, i.installType());
            ps.setString(12, i.signedTarget());
        });
    }

    public Optional<Campaign> byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE id = :id")
                .param("id", id)
                .query((rs, i) -> map(rs))
                .optional();
    }

    /** Reads and locks the campaign for the rest of the transaction: one start at a time. */
    public Optional<Campaign> lock(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query((rs, i) -> map(rs))
                .optional();
    }

    public List<Campaign> all(int page, int size) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign ORDER BY id DESC OFFSET :o ROWS FETCH NEXT :s ROWS ONLY")
                .param("o", (long) page * size)
                .param("s", size)
                .query((rs, i) -> map(rs))
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM campaign").query(Long.class).single();
    }

    /** Locks every running campaign, in id order, for the emergency stop. */
    public List<Campaign> lockRunning() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE status = 'RUNNING' ORDER BY id FOR UPDATE")
                .query((rs, i) -> map(rs))
                .list();
    }

    /** Moves the campaign to a status and hold decided by the lifecycle. */
    public void changeStatus(long id, long expectedVersion, CampaignStatus status, boolean held, OffsetDateTime now) {
        int rows = jdbc.sql("""
                UPDATE campaign SET status = :status, emergency_hold = :held, version = version + 1,
                    started_at = CASE WHEN :status = 'RUNNING' AND started_at IS NULL THEN :now ELSE started_at END,
                    finished_at = CASE WHEN :status IN ('COMPLETED', 'CANCELLED', 'ROLLED_BACK') THEN :now
                        ELSE finished_at END
                WHERE id = :id AND version = :version""")
                .param("status", status.name())
                .param("held", held)
                .param("now", now)
                .param("id", id)
                .param("version", expectedVersion)
                .update();
        if (rows == 0) {
            throw new OptimisticLockingFailureException("campaign " + id + " changed concurrently");
        }
    }

    /** Records who submitted and the risk class, and opens a new approval round; the caller holds the lock. */
    public void submitted(long id, String by, CampaignRisk risk, OffsetDateTime now) {
        jdbc.sql("""
                UPDATE campaign SET submitted_by = :by, submitted_at = :now, risk_class = :risk,
                    approval_round = approval_round + 1 WHERE id = :id""")
                .param("by", by)
                .param("now", now)
                .param("risk", risk.name())
                .param("id", id)
                .update();
    }

    /** Opens a new approval round: approvals given before no longer count. The caller holds the lock. */
    public void openApprovalRound(long id) {
        jdbc.sql("UPDATE campaign SET approval_round = approval_round + 1 WHERE id = :id")
                .param("id", id)
                .update();
    }

    /**
     * Marks a running campaign completed when none of its assignments is still active. The campaign row is
     * locked first: two vehicles finishing the campaign's last two assignments at once would otherwise each
     * still see the other's as active (neither committed yet) and neither would complete it. Locked, the
     * second one to get here waits for the first to commit and then sees both finished. The lock is taken
     * with a no-op update rather than {@code SELECT ... FOR UPDATE}: on PostgreSQL that is a "no key update"
     * lock, which does not conflict with the key-share locks foreign-key checks of assignment updates hold
     * on the campaign row, so two such transactions cannot deadlock upgrading them.
     */
    public boolean completeIfDone(long id, OffsetDateTime now) {
        if (jdbc.sql("UPDATE campaign SET version = version WHERE id = :id AND status = 'RUNNING'")
                        .param("id", id)
                        .update()
                == 0) {
            return false;
        }
        return jdbc.sql("""
                UPDATE campaign SET status = 'COMPLETED', finished_at = :now, version = version + 1
                WHERE id = :id AND status = 'RUNNING' AND NOT EXISTS (SELECT 1 FROM assignment a
                    WHERE a.campaign_id = :id AND (a.status IN %s OR a.retry_at IS NOT NULL))
                AND NOT EXISTS (SELECT 1 FROM campaign_wave w WHERE w.campaign_id = :id AND w.status <> 'PASSED')""".formatted(Assignments.ACTIVE_STATES))
                        .param("id", id)
                        .param("now", now)
                        .update()
                == 1;
    }

    /** The campaign's schedule, if one was set. */
    public Optional<CampaignSchedule> schedule(long id) {
        return jdbc.sql("SELECT schedule_json FROM campaign WHERE id = :id")
                .param("id", id)
                .query((rs, i) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(s -> s)
                .map(this::readSchedule);
    }

    /** A running campaign's id and stored schedule. */
    public record Scheduled(long id, String scheduleJson) {}

    /** Running campaigns that have a schedule: the reconciler times out and retries their attempts. */
    public List<Scheduled> runningWithSchedule() {
        return jdbc.sql("SELECT id, schedule_json FROM campaign WHERE status = 'RUNNING' AND schedule_json IS NOT NULL "
                        + "ORDER BY id")
                .query((rs, i) -> new Scheduled(rs.getLong(1), rs.getString(2)))
                .list();
    }

    /** Parses stored schedule JSON (as read with an assignment at check-in). */
    public CampaignSchedule readSchedule(String stored) {
        return json.readValue(stored, CampaignSchedule.class);
    }

    /** Replaces the schedule (null removes it); the caller holds the campaign's lock. */
    public void replaceSchedule(long id, CampaignSchedule schedule) {
        String stored = schedule == null ? null : json.writeValueAsString(schedule);
        if (stored != null && stored.length() > 8000) {
            throw ApiException.badRequest("invalid-schedule", "The schedule is too long to store");
        }
        jdbc.sql("UPDATE campaign SET schedule_json = :s, version = version + 1 WHERE id = :id")
                .param("s", stored, java.sql.Types.VARCHAR)
                .param("id", id)
                .update();
    }

    private Campaign map(ResultSet rs) throws SQLException {
        Map<String, Object> raw =
                json.readValue(rs.getString("filter_json"), new TypeReference<Map<String, Object>>() {});
        @SuppressWarnings("unchecked")
        var attributes = (Map<String, String>) raw.getOrDefault("attributes", Map.of());
        var filter = new TargetFilter(
                (String) raw.get("model"), (String) raw.get("region"), (String) raw.get("tag"), attributes, (String)
                        raw.get("query"));
        return new Campaign(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getLong("release_id"),
                CampaignStatus.valueOf(rs.getString("status")),
                filter,
                rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class),
                rs.getString("submitted_by"),
                rs.getObject("submitted_at", OffsetDateTime.class),
                rs.getString("risk_class") == null ? null : CampaignRisk.valueOf(rs.getString("risk_class")),
                rs.getInt("approval_round"),
                rs.getBoolean("emergency_hold"),
                rs.getLong("version"),
                rs.getObject("rollback_of", Long.class));
    }
}
