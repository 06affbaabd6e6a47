package io.pitwall.server.inventory.persistence;

import io.pitwall.protocol.device.EcuVersionReport;
import io.pitwall.server.inventory.AttackIndicator;
import io.pitwall.server.inventory.AttackKind;
import io.pitwall.server.inventory.RegisteredEcuKey;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** ECU identity keys, the last accepted report of each, and the vehicles' attack indicators. */
@Repository
public class EcuKeyStore {

    private static final String KEY_COLUMNS = "serial, key_id, public_hex, registered_at, last_counter, "
            + "attested_path, attested_length, attested_sha256, attested_at";
    private final JdbcClient jdbc;

    public EcuKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean ecuExists(String vin, String serial) {
        return jdbc.sql("SELECT COUNT(*) FROM ecu WHERE vin = :vin AND serial = :serial")
                        .param("vin", vin)
                        .param("serial", serial)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public boolean anyKey(String vin) {
        return jdbc.sql("SELECT COUNT(*) FROM ecu_key WHERE vin = :vin")
                        .param("vin", vin)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Registers or replaces an ECU's key; a different key starts the ECU's report history afresh. */
    public void register(String vin, String serial, String keyId, String publicHex, OffsetDateTime now) {
        int changed = jdbc.sql("""
                UPDATE ecu_key SET key_id = :keyId, public_hex = :hex, registered_at = :now, last_counter = NULL,
                    attested_path = NULL, attested_length = NULL, attested_sha256 = NULL, attested_at = NULL
                WHERE vin = :vin AND serial = :serial AND key_id <> :keyId""")
                .param("keyId", keyId)
                .param("hex", publicHex)
                .param("now", now)
                .param("vin", vin)
                .param("serial", serial)
                .update();
        if (changed == 0 && key(vin, serial).isEmpty()) {
            jdbc.sql("""
                    INSERT INTO ecu_key (vin, serial, key_id, public_hex, registered_at)
                    VALUES (:vin, :serial, :keyId, :hex, :now)""")
                    .param("vin", vin)
                    .param("serial", serial)
                    .param("keyId", keyId)
                    .param("hex", publicHex)
                    .param("now", now)
                    .update();
        }
    }

    public Optional<RegisteredEcuKey> key(String vin, String serial) {
        return jdbc.sql("SELECT " + KEY_COLUMNS + " FROM ecu_key WHERE vin = :vin AND serial = :serial")
                .param("vin", vin)
                .param("serial", serial)
                .query((rs, i) -> key(rs))
                .optional();
    }

    public List<RegisteredEcuKey> keys(String vin) {
        return jdbc.sql("SELECT " + KEY_COLUMNS + " FROM ecu_key WHERE vin = :vin ORDER BY serial")
                .param("vin", vin)
                .query((rs, i) -> key(rs))
                .list();
    }

    /** Records an accepted report; its counter is above the stored one (the caller checked, under the report lock). */
    public void accepted(String vin, EcuVersionReport report, OffsetDateTime now) {
        jdbc.sql("""
                UPDATE ecu_key SET last_counter = :counter, attested_path = :path, attested_length = :length,
                    attested_sha256 = :sha, attested_at = :now WHERE vin = :vin AND serial = :serial""")
                .param("counter", report.reportCounter())
                .param("path", report.filepath())
                .param("length", report.length())
                .param("sha", report.hashes().sha256())
                .param("now", now)
                .param("vin", vin)
                .param("serial", report.ecuSerial())
                .update();
    }

    public void indicator(String vin, String serial, AttackKind kind, String detail, OffsetDateTime now) {
        jdbc.sql("""
                INSERT INTO attack_indicator (vin, ecu_serial, kind, detail, observed_at)
                VALUES (:vin, :serial, :kind, :detail, :now)""")
                .param("vin", vin)
                .param("serial", serial)
                .param("kind", kind.name())
                .param("detail", detail)
                .param("now", now)
                .update();
    }

    /** The vehicle's attack indicators, newest first. */
    public List<AttackIndicator> indicators(String vin, int limit) {
        return jdbc.sql("""
                SELECT id, kind, ecu_serial, detail, observed_at FROM attack_indicator WHERE vin = :vin
                ORDER BY observed_at DESC, id DESC OFFSET 0 ROWS FETCH NEXT :limit ROWS ONLY""")
                .param("vin", vin)
                .param("limit", limit)
                .query((rs, i) -> new AttackIndicator(
                        rs.getLong(1),
                        AttackKind.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class)))
                .list();
    }

    private static RegisteredEcuKey key(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new RegisteredEcuKey(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getObject(4, OffsetDateTime.class),
                rs.getObject(5, Long.class),
                rs.getString(6),
                rs.getObject(7, Long.class),
                rs.getString(8),
                rs.getObject(9, OffsetDateTime.class));
    }
}
