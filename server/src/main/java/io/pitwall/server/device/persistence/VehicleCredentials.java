package io.pitwall.server.device.persistence;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Vehicle credentials and device access state. */
@Repository
public class VehicleCredentials {

    /** What a presented secret resolves to: its vehicle, and whether it may act. */
    public record Resolved(String vin, boolean revoked, boolean blocked) {}

    private final JdbcClient jdbc;

    public VehicleCredentials(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Resolved> resolve(String tokenHash) {
        return jdbc.sql("""
                SELECT c.vin, c.revoked_at, a.blocked FROM vehicle_credential c
                LEFT JOIN device_access a ON a.vin = c.vin WHERE c.token_hash = :h""")
                .param("h", tokenHash)
                .query((rs, i) -> new Resolved(rs.getString(1).trim(), rs.getObject(2) != null, rs.getBoolean(3)))
                .optional();
    }

    /** Revokes every active credential of the vehicle; returns how many were active. */
    public int revokeAll(String vin, OffsetDateTime now) {
        return jdbc.sql("""
                UPDATE vehicle_credential SET revoked_at = :now, active_vin = NULL WHERE vin = :vin
                AND revoked_at IS NULL""").param("now", now).param("vin", vin).update();
    }

    /**
     * Stores a new active credential. The database holds at most one active credential per vehicle: when
     * another transaction activated one for this vehicle meanwhile, this fails with a
     * {@link org.springframework.dao.DuplicateKeyException}.
     */
    public void insert(String vin, String tokenHash, OffsetDateTime now) {
        jdbc.sql("""
                INSERT INTO vehicle_credential (vin, token_hash, created_at, active_vin)
                VALUES (:vin, :h, :now, :vin)""").param("vin", vin).param("h", tokenHash).param("now", now).update();
    }

    public long activeCount(String vin) {
        return jdbc.sql("SELECT COUNT(*) FROM vehicle_credential WHERE vin = :vin AND revoked_at IS NULL")
                .param("vin", vin)
                .query(Long.class)
                .single();
    }

    public void setBlocked(String vin, boolean blocked, String reason, OffsetDateTime now) {
        jdbc.sql("""
                MERGE INTO device_access d USING (SELECT CAST(:vin AS CHAR(17)) AS vin FROM (VALUES (1)) AS one(x)) s
                ON d.vin = s.vin
                WHEN MATCHED THEN UPDATE SET blocked = :blocked, reason = :reason, version = d.version + 1,
                    changed_at = :now
                WHEN NOT MATCHED THEN INSERT (vin, blocked, reason, version, changed_at)
                    VALUES (s.vin, :blocked, :reason, 0, :now)""")
                .param("vin", vin)
                .param("blocked", blocked)
                .param("reason", reason)
                .param("now", now)
                .update();
    }

    public boolean isBlocked(String vin) {
        return jdbc.sql("SELECT blocked FROM device_access WHERE vin = :vin")
                .param("vin", vin)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }
}
