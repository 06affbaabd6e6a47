package io.pitwall.server.trust.persistence;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The director repository's stored metadata: the root chain shared by every vehicle and each vehicle's
 * latest targets, snapshot and timestamp, as the exact bytes served.
 */
@Repository
public class DirectorFiles {

    /** A vehicle's stored metadata version and the hash of the content its targets were signed for. */
    public record Stored(long version, String contentSha256) {}

    /** One vehicle's newly signed files, all three with {@code version}. */
    public record VehicleFiles(
            String vin,
            long version,
            String contentSha256,
            byte[] targets,
            byte[] snapshot,
            byte[] timestamp,
            OffsetDateTime expiresAt) {}

    /** A pending change: a campaign's vehicles (vin null) or one vehicle (campaignId null). */
    public record Change(long id, Long campaignId, String vin) {}

    private static final int BATCH = 500;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate savepoint;

    public DirectorFiles(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.template = template;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public Optional<byte[]> root(long version) {
        return jdbc.sql("SELECT body FROM director_root WHERE meta_version = :v")
                .param("v", version)
                .query(String.class)
                .optional()
                .map(b -> b.getBytes(StandardCharsets.UTF_8));
    }

    /** The latest root's version, body and expiry. */
    public Optional<RepositoryFiles.File> latestRoot() {
        return jdbc.sql("SELECT meta_version, body, expires_at FROM director_root ORDER BY meta_version DESC "
                        + "FETCH FIRST 1 ROWS ONLY")
                .query((rs, i) -> new RepositoryFiles.File(
                        "root",
                        rs.getLong(1),
                        rs.getString(2).getBytes(StandardCharsets.UTF_8),
                        rs.getObject(3, OffsetDateTime.class)))
                .optional();
    }

    /** Every root version's body, oldest first. */
    public List<byte[]> roots() {
        return jdbc.sql("SELECT body FROM director_root ORDER BY meta_version").query(String.class).list().stream()
                .map(b -> b.getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    /** Inserts a root version; a concurrent insert of the same version fails with a DuplicateKeyException. */
    public void insertRoot(long version, byte[] body, OffsetDateTime expires, OffsetDateTime now) {
        jdbc.sql("INSERT INTO director_root (meta_version, body, expires_at, created_at) VALUES (:v, :b, :e, :n)")
                .param("v", version)
                .param("b", new String(body, StandardCharsets.UTF_8))
                .param("e", expires)
                .param("n", now)
                .update();
    }

    /** One of a vehicle's files ({@code targets}, {@code snapshot} or {@code timestamp}). */
    public Optional<byte[]> vehicleFile(String vin, String role) {
        String column = switch (role) {
            case "targets" -> "targets_body";
            case "snapshot" -> "snapshot_body";
            case "timestamp" -> "timestamp_body";
            default -> throw new IllegalArgumentException("no director role " + role);
        };
        return jdbc.sql("SELECT " + column + " FROM director_vehicle WHERE vin = :vin")
                .param("vin", vin)
                .query(String.class)
                .optional()
                .map(b -> b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The stored version and content hash of these vehicles, read without locks: writes check the version they
     * replace instead ({@link #write}); vehicles without metadata are absent.
     */
    public Map<String, Stored> stored(Collection<String> vins) {
        Map<String, Stored> stored = new HashMap<>();
        if (vins.isEmpty()) {
            return stored;
        }
        jdbc.sql("SELECT vin, meta_version, content_sha256 FROM director_vehicle WHERE vin IN (:vins)")
                .param("vins", vins)
                .query(rs -> {
                    stored.put(rs.getString(1), new Stored(rs.getLong(2), rs.getString(3)));
                });
        return stored;
    }

    /**
     * Writes new versions in the caller's transaction (batched) and answers the VINs it did not write because
     * another writer got there first, for the caller to read again and sign anew: version N+1 replaces only
     * version N, and version 1 is inserted only where the vehicle has no row yet. A vehicle's first fetch and a
     * regeneration may both insert version 1: the loser's duplicate key rolls back to a savepoint (portable; on
     * PostgreSQL an error would otherwise abort the whole transaction) and its batch's VINs are answered.
     */
    public Set<String> write(List<VehicleFiles> files, OffsetDateTime now) {
        Timestamp at = Timestamp.from(now.toInstant());
        List<VehicleFiles> updates = files.stream().filter(f -> f.version() > 1).toList();
        List<VehicleFiles> inserts =
                files.stream().filter(f -> f.version() == 1).toList();
        Set<String> lost = new HashSet<>();
        int[][] counts = template.batchUpdate("""
                UPDATE director_vehicle SET meta_version = ?, content_sha256 = ?, targets_body = ?, snapshot_body = ?,
                    timestamp_body = ?, expires_at = ?, updated_at = ? WHERE vin = ? AND meta_version = ?""", updates, BATCH, (ps, f) -> {
            bind(ps, f, at);
            ps.setLong(9, f.version() - 1);
        });
        int row = 0;
        for (int[] batch : counts) {
            for (int count : batch) {
                if (count == 0) {
                    lost.add(updates.get(row).vin());
                }
                row++;
            }
        }
        if (!inserts.isEmpty()) {
            try {
                savepoint.executeWithoutResult(
                        s -> template.batchUpdate("""
                        INSERT INTO director_vehicle (meta_version, content_sha256, targets_body, snapshot_body,
                            timestamp_body, expires_at, updated_at, vin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", inserts, BATCH, (ps, f) -> bind(ps, f, at)));
            } catch (DuplicateKeyException raced) {
                inserts.forEach(f -> lost.add(f.vin()));
            }
        }
        return lost;
    }

    private static void bind(PreparedStatement ps, VehicleFiles f, Timestamp at) throws SQLException {
        ps.setLong(1, f.version());
        ps.setString(2, f.contentSha256());
        ps.setString(3, new String(f.targets(), StandardCharsets.UTF_8));
        ps.setString(4, new String(f.snapshot(), StandardCharsets.UTF_8));
        ps.setString(5, new String(f.timestamp(), StandardCharsets.UTF_8));
        ps.setObject(6, f.expiresAt());
        ps.setTimestamp(7, at);
        ps.setString(8, f.vin());
    }

    /** VINs with metadata after {@code after}, in VIN order (keyset paging over every vehicle). */
    public List<String> vinsAfter(String after, int limit) {
        return jdbc.sql("SELECT vin FROM director_vehicle WHERE vin > :a ORDER BY vin FETCH FIRST :n ROWS ONLY")
                .param("a", after)
                .param("n", limit)
                .query(String.class)
                .list();
    }

    /** Vehicles whose metadata expires before {@code threshold}, lowest VINs first. */
    public List<String> expiringBefore(OffsetDateTime threshold, int limit) {
        return jdbc.sql("SELECT vin FROM director_vehicle WHERE expires_at < :t ORDER BY vin FETCH FIRST :n ROWS ONLY")
                .param("t", threshold)
                .param("n", limit)
                .query(String.class)
                .list();
    }

    public void recordCampaignChange(long campaignId, OffsetDateTime now) {
        jdbc.sql("INSERT INTO director_change (campaign_id, created_at) VALUES (:c, :n)")
                .param("c", campaignId)
                .param("n", now)
                .update();
    }

    public void recordVehicleChange(String vin, OffsetDateTime now) {
        jdbc.sql("INSERT INTO director_change (vin, created_at) VALUES (:v, :n)")
                .param("v", vin)
                .param("n", now)
                .update();
    }

    /** The oldest pending changes. */
    public List<Change> pendingChanges(int limit) {
        return jdbc.sql("SELECT id, campaign_id, vin FROM director_change ORDER BY id FETCH FIRST :n ROWS ONLY")
                .param("n", limit)
                .query((rs, i) -> {
                    long campaign = rs.getLong(2);
                    // wasNull() speaks of the column read last: ask before reading another.
                    Long campaignId = rs.wasNull() ? null : campaign;
                    return new Change(rs.getLong(1), campaignId, rs.getString(3));
                })
                .list();
    }

    public void deleteChanges(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("DELETE FROM director_change WHERE id IN (:ids)")
                    .param("ids", ids)
                    .update();
        }
    }
}
