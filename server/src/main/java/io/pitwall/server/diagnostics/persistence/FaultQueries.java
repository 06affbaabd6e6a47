package io.pitwall.server.diagnostics.persistence;

import io.pitwall.protocol.dtc.Dtc;
import io.pitwall.protocol.dtc.DtcFault;
import io.pitwall.protocol.dtc.DtcSeverity;
import io.pitwall.protocol.dtc.SourceFormat;
import io.pitwall.protocol.dtc.UdsStatus;
import io.pitwall.server.diagnostics.FleetFaults;
import io.pitwall.server.diagnostics.ReportQuality;
import io.pitwall.server.diagnostics.persistence.DtcReports.StoredReport;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Read queries over DTC reports: current faults of a vehicle and fleet-wide counts. */
@Repository
public class FaultQueries {

    private static final int MAX_FLEET_ROWS = 1000;
    private final JdbcClient jdbc;

    FaultQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Per ECU (a missing ECU serial counts as one ECU), the latest decoded report of the vehicle. */
    public List<StoredReport> latestDecodedPerEcu(String vin) {
        return jdbc.sql("""
                SELECT r.* FROM dtc_report r WHERE r.vin = :vin AND r.decoded = TRUE AND NOT EXISTS (
                    SELECT 1 FROM dtc_report n WHERE n.vin = r.vin AND n.decoded = TRUE
                    AND COALESCE(n.ecu_serial, '') = COALESCE(r.ecu_serial, '')
                    AND (n.occurred_at > r.occurred_at OR (n.occurred_at = r.occurred_at AND n.seq > r.seq)))
                ORDER BY r.ecu_serial""").param("vin", vin).query((rs, n) -> report(rs)).list();
    }

    /** The faults of the given reports, by report id, in reported order. */
    public Map<Long, List<DtcFault>> faults(List<Long> reportIds) {
        Map<Long, List<DtcFault>> faults = new LinkedHashMap<>();
        reportIds.forEach(id -> faults.put(id, new ArrayList<>()));
        if (reportIds.isEmpty()) {
            return faults;
        }
        jdbc.sql("SELECT * FROM fault_observation WHERE report_id IN (:ids) ORDER BY report_id, position")
                .param("ids", reportIds)
                .query(rs -> {
                    faults.get(rs.getLong("report_id")).add(fault(rs));
                });
        return faults;
    }

    public long malformedReports(String vin) {
        return jdbc.sql("SELECT COUNT(*) FROM dtc_report WHERE vin = :vin AND decoded = FALSE")
                .param("vin", vin)
                .query(Long.class)
                .single();
    }

    /** Whether a report of the vehicle received since {@code since} carries the flag. */
    public boolean flaggedSince(String vin, ReportQuality flag, Instant since) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM dtc_report WHERE vin = :vin AND received_at >= :since AND quality LIKE :flag""")
                        .param("vin", vin)
                        .param("since", DtcReports.utc(since))
                        .param("flag", "%" + flag.name() + "%")
                        .query(Long.class)
                        .single()
                > 0;
    }

    public Instant lastDecodedReceivedAt(String vin) {
        return jdbc.sql("""
                SELECT received_at FROM dtc_report WHERE vin = :vin AND decoded = TRUE
                ORDER BY received_at DESC FETCH FIRST 1 ROWS ONLY""")
                .param("vin", vin)
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .optional()
                .orElse(null);
    }

    /** Counts by code, ECU type and firmware of faults that occurred since; {@code code} null = every code. */
    public List<FleetFaults.Count> fleet(String code, boolean withFailureType, Instant since) {
        String filter = code == null ? "" : withFailureType ? " AND o.display_code = :code" : " AND o.code = :code";
        var sql = jdbc.sql("""
                SELECT o.code, r.ecu_type, r.firmware_version, COUNT(*) AS observations,
                    COUNT(DISTINCT r.vin) AS vehicles
                FROM fault_observation o JOIN dtc_report r ON r.id = o.report_id
                WHERE r.occurred_at >= :since AND r.quality NOT LIKE :dup""" + filter + """

                GROUP BY o.code, r.ecu_type, r.firmware_version
                ORDER BY observations DESC, o.code, r.ecu_type, r.firmware_version
                FETCH FIRST %d ROWS ONLY""".formatted(MAX_FLEET_ROWS))
                .param("since", DtcReports.utc(since))
                .param("dup", DtcReports.NOT_DUPLICATE);
        if (code != null) {
            sql = sql.param("code", code);
        }
        return sql.query((rs, n) -> new FleetFaults.Count(
                        rs.getString("code"),
                        rs.getString("ecu_type"),
                        rs.getString("firmware_version"),
                        rs.getLong("observations"),
                        rs.getLong("vehicles")))
                .list();
    }

    /** Reports since the time that could not be decoded, and decoded ones naming an ECU the inventory lacks. */
    public long[] fleetQualityCounts(Instant since) {
        return jdbc.sql("""
                SELECT SUM(CASE WHEN decoded = FALSE THEN 1 ELSE 0 END),
                    SUM(CASE WHEN decoded = TRUE AND quality LIKE '%UNKNOWN_ECU%' THEN 1 ELSE 0 END)
                FROM dtc_report WHERE occurred_at >= :since""")
                .param("since", DtcReports.utc(since))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
    }

    private static StoredReport report(ResultSet rs) throws SQLException {
        return new StoredReport(
                rs.getLong("id"),
                rs.getString("ecu_serial"),
                rs.getString("ecu_type"),
                rs.getString("firmware_version"),
                SourceFormat.valueOf(rs.getString("source_format")),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                rs.getString("vehicle_state"),
                DtcReports.quality(rs.getString("quality")));
    }

    private static DtcFault fault(ResultSet rs) throws SQLException {
        Dtc dtc = Dtc.parse(rs.getString("display_code"));
        Integer status = rs.getObject("status_mask", Integer.class);
        Integer severity = rs.getObject("severity", Integer.class);
        return new DtcFault(
                dtc,
                status == null ? null : new UdsStatus(status),
                severity == null ? null : new DtcSeverity(severity),
                rs.getObject("functional_unit", Integer.class));
    }
}
