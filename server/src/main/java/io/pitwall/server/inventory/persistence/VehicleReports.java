package io.pitwall.server.inventory.persistence;

import io.pitwall.protocol.device.EcuVersion;
import io.pitwall.server.inventory.EcuDrift;
import io.pitwall.server.shared.Savepoints;
import io.pitwall.server.shared.persistence.TransactionTuning;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reported vehicle state and ECU manifests, and their drift from the expected inventory. */
@Repository
public class VehicleReports {

    /**
     * The stored fingerprint of the last report and when the vehicle was last seen; the fingerprint of its
     * ECU manifest alone, the outstanding request for fresh ECU reports and when the next is due (null:
     * the vehicle has no ECU keys).
     */
    public record Seen(
            String stateHash,
            OffsetDateTime lastSeenAt,
            String ecusHash,
            String reportNonce,
            OffsetDateTime reportsDueAt) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Savepoints savepoints;
    private final TransactionTuning tuning;

    public VehicleReports(JdbcClient jdbc, JdbcTemplate template, Savepoints savepoints, TransactionTuning tuning) {
        this.jdbc = jdbc;
        this.tuning = tuning;
        this.template = template;
        this.savepoints = savepoints;
    }

    public Optional<Seen> seen(String vin) {
        return jdbc.sql("SELECT state_hash, last_seen_at, ecus_hash, report_nonce, reports_due_at FROM vehicle_report "
                        + "WHERE vin = :vin")
                .param("vin", vin)
                .query((rs, i) -> new Seen(
                        rs.getString(1),
                        rs.getObject(2, OffsetDateTime.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class)))
                .optional();
    }

    /**
     * Refreshes the last-seen time, committed asynchronously ({@link TransactionTuning#asynchronousCommit()}):
     * call it in a transaction of its own.
     */
    public void touch(String vin, OffsetDateTime now) {
        tuning.asynchronousCommit();
        jdbc.sql("UPDATE vehicle_report SET last_seen_at = :now WHERE vin = :vin")
                .param("now", now)
                .param("vin", vin)
                .update();
    }

    /**
     * Replaces the vehicle's report and ECU manifest. Updating the report row first locks it, so two
     * check-ins of one vehicle replace the manifest one after the other; on the first report, a concurrent
     * first report that inserted the row wins the insert and this one updates it.
     */
    public void replace(
            String vin,
            String signalsJson,
            String connectivity,
            boolean consent,
            String stateHash,
            String ecusHash,
            List<EcuVersion> ecus,
            OffsetDateTime now) {
        var update = jdbc.sql("""
                UPDATE vehicle_report SET signals_json = :signals, connectivity = :connectivity, consent = :consent,
                    state_hash = :hash, ecus_hash = :ecusHash, reported_at = :now, last_seen_at = :now
                WHERE vin = :vin""")
                .param("signals", signalsJson)
                .param("connectivity", connectivity)
                .param("consent", consent)
                .param("hash", stateHash)
                .param("ecusHash", ecusHash)
                .param("now", now)
                .param("vin", vin);
        if (update.update() == 0
                && !savepoints.insertIfAbsent(() -> jdbc.sql("""
                INSERT INTO vehicle_report (vin, signals_json, connectivity, consent, state_hash, ecus_hash,
                    reported_at, last_seen_at) VALUES (:vin, :signals, :connectivity, :consent, :hash, :ecusHash,
                    :now, :now)""")
                        .param("signals", signalsJson)
                        .param("connectivity", connectivity)
                        .param("consent", consent)
                        .param("hash", stateHash)
                        .param("ecusHash", ecusHash)
                        .param("now", now)
                        .param("vin", vin)
                        .update())) {
            update.update();
        }
        jdbc.sql("DELETE FROM reported_ecu WHERE vin = :vin").param("vin", vin).update();
        template.batchUpdate(
                "INSERT INTO reported_ecu (vin, serial, hardware_id, sw_version, image_hash) "
                        + "VALUES (?, ?, ?, ?, ?)",
                ecus,
                ecus.size(),
                (ps, e) -> {
                    ps.setString(1, vin);
                    ps.setString(2, e.serial());
                    ps.setString(3, e.hardwareId());
                    ps.setString(4, e.installedVersion());
                    ps.setString(5, e.installedSha256());
                });
    }

    /**
     * Sets the outstanding request for fresh ECU reports ({@code nonce}, null: none) and when the next is
     * due (null: never, the vehicle has no ECU keys). Call it after {@link #replace} or in a transaction of its own.
     */
    public void reportRequest(String vin, String nonce, OffsetDateTime dueAt) {
        jdbc.sql("UPDATE vehicle_report SET report_nonce = :nonce, reports_due_at = :due WHERE vin = :vin")
                .param("nonce", nonce)
                .param("due", dueAt)
                .param("vin", vin)
                .update();
    }

    /** Sets a request for fresh ECU reports unless one is outstanding; false when one was. */
    public boolean askForReports(String vin, String nonce, OffsetDateTime dueAt) {
        return jdbc.sql("""
                UPDATE vehicle_report SET report_nonce = :nonce, reports_due_at = :due
                WHERE vin = :vin AND report_nonce IS NULL""")
                        .param("nonce", nonce)
                        .param("due", dueAt)
                        .param("vin", vin)
                        .update()
                > 0;
    }

    public Optional<String> reportNonce(String vin) {
        return jdbc.sql("SELECT report_nonce FROM vehicle_report WHERE vin = :vin")
                .param("vin", vin)
                .query(String.class)
                .optional();
    }

    /** A key was registered: the vehicle's next check-in asks for fresh reports (no row yet: its first does). */
    public void reportsDueNow(String vin, OffsetDateTime now) {
        jdbc.sql("UPDATE vehicle_report SET reports_due_at = :now WHERE vin = :vin")
                .param("now", now)
                .param("vin", vin)
                .update();
    }

    /** ECUs whose reported and expected software differ, or that only one side knows. */
    public List<EcuDrift> drift(String vin) {
        return jdbc.sql("""
                SELECT e.serial, e.hardware_id, e.software_version, e.image_hash, r.sw_version, r.image_hash
                FROM ecu e LEFT JOIN reported_ecu r ON r.vin = e.vin AND r.serial = e.serial
                WHERE e.vin = :vin AND EXISTS (SELECT 1 FROM vehicle_report vr WHERE vr.vin = e.vin)
                AND (r.serial IS NULL OR r.sw_version IS NULL OR r.sw_version <> e.software_version
                     OR (r.image_hash IS NOT NULL AND e.image_hash IS NOT NULL AND r.image_hash <> e.image_hash))
                UNION ALL
                SELECT r.serial, r.hardware_id, NULL, NULL, r.sw_version, r.image_hash FROM reported_ecu r
                WHERE r.vin = :vin AND NOT EXISTS (SELECT 1 FROM ecu e WHERE e.vin = r.vin AND e.serial = r.serial)
                ORDER BY 1""")
                .param("vin", vin)
                .query((rs, i) -> new EcuDrift(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)))
                .list();
    }
}
