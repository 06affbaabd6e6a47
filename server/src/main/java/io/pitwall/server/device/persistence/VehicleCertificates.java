package io.pitwall.server.device.persistence;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Pinned and revoked vehicle client certificates (fingerprint = SHA-256 of the DER, lower-case hex). */
@Repository
public class VehicleCertificates {

    /** What the database says about a presented certificate of a vehicle. */
    public record Standing(boolean revoked, String pinnedFingerprint, boolean blocked) {}

    /** The vehicle's pinned certificate. */
    public record Pinned(String fingerprint, String serialNumber, OffsetDateTime notAfter, OffsetDateTime createdAt) {}

    private final JdbcClient jdbc;

    public VehicleCertificates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One round trip: is the certificate revoked (by fingerprint or serial), what is pinned, is the vehicle blocked. */
    public Standing standing(String vin, String fingerprint, String serialNumber) {
        return jdbc.sql("""
                SELECT (SELECT COUNT(*) FROM vehicle_certificate WHERE vin = :vin AND revoked_at IS NOT NULL
                            AND (fingerprint = :f OR serial_number = :s)),
                       (SELECT fingerprint FROM vehicle_certificate WHERE active_vin = :vin),
                       (SELECT blocked FROM device_access WHERE vin = :vin)""")
                .param("vin", vin)
                .param("f", fingerprint)
                .param("s", serialNumber)
                .query((rs, i) -> new Standing(rs.getLong(1) > 0, rs.getString(2), rs.getBoolean(3)))
                .single();
    }

    public boolean isRevoked(String vin, String fingerprint, String serialNumber) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM vehicle_certificate WHERE vin = :vin AND revoked_at IS NOT NULL
                AND (fingerprint = :f OR serial_number = :s)""")
                        .param("vin", vin)
                        .param("f", fingerprint)
                        .param("s", serialNumber)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public Optional<Pinned> pinned(String vin) {
        return jdbc.sql("""
                SELECT fingerprint, serial_number, not_after, created_at FROM vehicle_certificate
                WHERE active_vin = :vin""")
                .param("vin", vin)
                .query((rs, i) -> new Pinned(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class)))
                .optional();
    }

    /** Revokes the vehicle's pinned certificate; returns how many were pinned (0 or 1). */
    public int revokePinned(String vin, OffsetDateTime now) {
        return jdbc.sql("UPDATE vehicle_certificate SET revoked_at = :now, active_vin = NULL WHERE active_vin = :vin")
                .param("now", now)
                .param("vin", vin)
                .update();
    }

    /**
     * Pins a certificate as the vehicle's one active certificate. When another transaction pinned one for this
     * vehicle meanwhile, this fails with a {@link org.springframework.dao.DuplicateKeyException}.
     */
    public void pin(String vin, String fingerprint, String serialNumber, OffsetDateTime notAfter, OffsetDateTime now) {
        jdbc.sql("""
                INSERT INTO vehicle_certificate (vin, fingerprint, serial_number, not_after, created_at, active_vin)
                VALUES (:vin, :f, :s, :notAfter, :now, :vin)""")
                .param("vin", vin)
                .param("f", fingerprint)
                .param("s", serialNumber)
                .param("notAfter", notAfter)
                .param("now", now)
                .update();
    }

    /** Records a revocation by fingerprint and/or serial number (either may be null, not both). */
    public void revoke(String vin, String fingerprint, String serialNumber, OffsetDateTime now) {
        jdbc.sql("""
                INSERT INTO vehicle_certificate (vin, fingerprint, serial_number, created_at, revoked_at)
                VALUES (:vin, :f, :s, :now, :now)""")
                .param("vin", vin)
                .param("f", fingerprint)
                .param("s", serialNumber)
                .param("now", now)
                .update();
    }
}
