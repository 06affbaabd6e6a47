package io.pitwall.server.trust.persistence;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The director repository's stored metadata: the root chain shared by every vehicle and each vehicle's
 * latest targets, snapshot and timestamp, as the exact bytes served.
 */
@Repository
public class DirectorFiles {

    /** A vehicle's stored metadata version and the hash of the content its targets were signed for. */
    public record Stored(long version, String contentSha256) {
    }

    /** One vehicle's newly signed files, all three with {@code version}. */
    public record VehicleFiles(String vin, long version, String contentSha256, byte[] targets, byte[] snapshot,
            byte[] timestamp, OffsetDateTime expiresAt) {
    }

    /** A pending change: a campaign's vehicles (vin null) or one vehicle (campaignId null). */
    public record Change(long id, Long campaignId, String vin) {
    }

    private static final int BATCH = 500;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public DirectorFiles(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public Optional<byte[]> root(long version) {
        return jdbc.sql("SELECT body FROM director_root WHERE meta_version = :v").param("v", version)
                .query(String.class).optional().map(b -> b.getBytes(StandardCharsets.UTF_8));
    }

    /** The latest root's version, body and expiry. */
    public Optional<RepositoryFiles.File> latestRoot() {
        return jdbc.sql("SELECT meta_version, body, expires_at FROM director_root ORDER BY meta_version DESC "
                        + "FETCH FIRST 1 ROWS ONLY")
                .query((rs, i) -> new RepositoryFiles.File("root", rs.getLong(1),
                        rs.getString(2).getBytes(StandardCharsets.UTF_8), rs.getObject(3, OffsetDateTime.class)))
                .optional();
    }

    /** Inserts a root version; a concurrent insert of the same version fails with a DuplicateKeyException. */
    public void insertRoot(long version, byte[] body, OffsetDateTime expires, OffsetDateTime now) {
        jdbc.sql("INSERT INTO director_root (meta_version, body, expires_at, created_at) VALUES (:v, :b, :e, :n)")
                .param("v", version).param("b", new String(body, StandardCharsets.UTF_8)).param("e", expires)
                .param("n", now).update();
    }

    /** One of a vehicle's files ({@code targets}, {@code snapshot} or {@code timestamp}). */
    public Optional<byte[]> vehicleFile(String vin, String role) {
        String column = switch (role) {
            case "targets" -> "targets_body";
            case "snapshot" -> "snapshot_body";
            case "timestamp" -> "timestamp_body";
            default -> throw new IllegalArgumentException("no director role " + role);
        };
        return jdbc.sql("SELECT " + column + " FROM director_vehicle WHERE vin = :vin").param("vin", vin)
                .query(String.class).optional().map(b -> b.getBytes(StandardCharsets.UTF_8));
    }

    /** Locks the stored rows of these vehicles until the commit; vehicles without metadata are absent. */
    public Map<String, Stored> lock(Collection<String> vins) {
        Map<String, Stored> stored = new HashMap<>();
        jdbc.sql("SELECT vin, meta_version, content_sha256 FROM director_vehicle WHERE vin IN (:vins) FOR UPDATE")
                .param("vins", vins)
                .query(rs -> {
                    stored.put(rs.getString(1), new Stored(rs.getLong(2), rs.getString(3)));
                });
        return stored;
    }

    /** Writes new versions: UPDATE for vehicles that had metadata, INSERT for the others (batched). */
    public void write(List<VehicleFiles> updates, List<VehicleFiles> inserts, OffsetDateTime now) {
        Timestamp at = Timestamp.from(now.toInstant());
        template.batchUpdate("""
                UPDATE director_vehicle SET meta_version = ?, content_sha256 = ?, targets_body = ?, snapshot_body = ?,
                    timestamp_body = ?, expires_at = ?, updated_at = ? WHERE vin = ?""", updates, BATCH, (ps, f) -> {
                    ps.setLong(1, f.version());
                    ps.setString(2, f.contentSha256());
                    ps.setString(3, new String(f.targets(), StandardCharsets.UTF_8));
                    ps.setString(4, new String(f.snapshot(), StandardCharsets.UTF_8));
                    ps.setString(5, new String(f.timestamp(), StandardCharsets.UTF_8));
                    ps.setObject(6, f.expiresAt());
                    ps.setTimestamp(7, at);
                    ps.setString(8, f.vin());
                });
        template.batchUpdate("""
                INSERT INTO director_vehicle (meta_version, content_sha256, targets_body, snapshot_body, timestamp_body,
                    expires_at, updated_at, vin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", inserts, BATCH, (ps, f) -> {
                    ps.setLong(1, f.version());
                    ps.setString(2, f.contentSha256());
                    ps.setString(3, new String(f.targets(), StandardCharsets.UTF_8));
                    ps.setString(4, new String(f.snapshot(), StandardCharsets.UTF_8));
                    ps.setString(5, new String(f.timestamp(), StandardCharsets.UTF_8));
                    ps.setObject(6, f.expiresAt());
                    ps.setTimestamp(7, at);
                    ps.setString(8, f.vin());
                });
    }

    /** VINs with metadata after {@code after}, in VIN order (keyset paging over every vehicle). */
    public List<String> vinsAfter(String after, int limit) {
        return jdbc.sql("SELECT vin FROM director_vehicle WHERE vin > :a ORDER BY vin FETCH FIRST :n ROWS ONLY")
                .param("a", after).param("n", limit).query(String.class).list();
    }

    /** Vehicles whose metadata expires before {@code threshold}, lowest VINs first. */
    public List<String> expiringBefore(OffsetDateTime threshold, int limit) {
        return jdbc.sql("SELECT vin FROM director_vehicle WHERE expires_at < :t ORDER BY vin FETCH FIRST :n ROWS ONLY")
                .param("t", threshold).param("n", limit).query(String.class).list();
    }

    public void recordCampaignChange(long campaignId, OffsetDateTime now) {
        jdbc.sql("INSERT INTO director_change (campaign_id, created_at) VALUES (:c, :n)")
                .param("c", campaignId).param("n", now).update();
    }

    public void recordVehicleChange(String vin, OffsetDateTime now) {
        jdbc.sql("INSERT INTO director_change (vin, created_at) VALUES (:v, :n)").param("v", vin).param("n", now)
                .update();
    }

    /** The oldest pending changes. */
    public List<Change> pendingChanges(int limit) {
        return jdbc.sql("SELECT id, campaign_id, vin FROM director_change ORDER BY id FETCH FIRST :n ROWS ONLY")
                .param("n", limit)
                .query((rs, i) -> {
                    long campaign = rs.getLong(2);
                    return new Change(rs.getLong(1), rs.wasNull() ? null : campaign, rs.getString(3));
                })
                .list();
    }

    public void deleteChanges(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("DELETE FROM director_change WHERE id IN (:ids)").param("ids", ids).update();
        }
    }
}
