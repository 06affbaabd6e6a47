package io.pitwall.server.diagnostics.persistence;

import io.pitwall.server.diagnostics.FaultObservation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored fault observations as severity rules see them, oldest first. */
@Repository
public class ObservationRows {

    private static final String SELECT = """
            SELECT r.vin, r.ecu_serial, r.ecu_type, r.firmware_version, o.code, o.display_code, o.status_mask,
                r.occurred_at
            FROM fault_observation o JOIN dtc_report r ON r.id = o.report_id
            """;
    private final JdbcClient jdbc;

    ObservationRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The vehicle's observations that occurred in [from, to], at most {@code limit} (the newest). */
    public List<FaultObservation> ofVehicle(String vin, Instant from, Instant to, int limit) {
        List<FaultObservation> newestFirst = new java.util.ArrayList<>(jdbc.sql(SELECT + """
                WHERE r.vin = :vin AND r.occurred_at >= :from AND r.occurred_at <= :to AND r.quality NOT LIKE :dup
                ORDER BY r.occurred_at DESC, r.seq DESC, o.position DESC FETCH FIRST %d ROWS ONLY""".formatted(limit))
                .param("vin", vin)
                .param("from", DtcReports.utc(from))
                .param("to", DtcReports.utc(to))
                .param("dup", DtcReports.NOT_DUPLICATE)
                .query((rs, n) -> observation(rs))
                .list());
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** Every vehicle's observations that occurred since the time, at most {@code limit} (the oldest). */
    public List<FaultObservation> since(Instant from, int limit) {
        return jdbc.sql(SELECT + """
                WHERE r.occurred_at >= :from AND r.quality NOT LIKE :dup
                ORDER BY r.occurred_at, r.vin, r.seq, o.position FETCH FIRST %d ROWS ONLY""".formatted(limit))
                .param("from", DtcReports.utc(from))
                .param("dup", DtcReports.NOT_DUPLICATE)
                .query((rs, n) -> observation(rs))
                .list();
    }

    private static FaultObservation observation(ResultSet rs) throws SQLException {
        return new FaultObservation(
                rs.getString("vin").trim(),
                rs.getString("ecu_serial"),
                rs.getString("ecu_type"),
                rs.getString("firmware_version"),
                rs.getString("code").trim(),
                rs.getString("display_code"),
                rs.getObject("status_mask", Integer.class),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant());
    }
}
