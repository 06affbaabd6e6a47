package io.pitwall.server.diagnostics.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Fault observations of decoded DTC reports per vehicle and time, for the regression gate. */
@Repository
public class FaultIncidenceRows {

    private static final int CHUNK = 500;
    private final JdbcClient jdbc;

    FaultIncidenceRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many faults a report carried, when the vehicle says it occurred. */
    public record ReportFaults(String vin, Instant occurredAt, long faults) {}

    /** The reports with faults of these vehicles that occurred in [from, to). */
    public List<ReportFaults> of(Collection<String> vins, Instant from, Instant to) {
        List<ReportFaults> out = new ArrayList<>();
        List<String> all = List.copyOf(vins);
        for (int start = 0; start < all.size(); start += CHUNK) {
            jdbc.sql("""
                    SELECT r.vin, r.occurred_at, COUNT(*) FROM dtc_report r
                    JOIN fault_observation f ON f.report_id = r.id
                    WHERE r.vin IN (:vins) AND r.decoded = TRUE AND r.occurred_at >= :from AND r.occurred_at < :to
                    AND r.quality NOT LIKE :dup
                    GROUP BY r.id, r.vin, r.occurred_at""")
                    .param("vins", all.subList(start, Math.min(all.size(), start + CHUNK)))
                    .param("from", from.atOffset(ZoneOffset.UTC))
                    .param("to", to.atOffset(ZoneOffset.UTC))
                    .param("dup", DtcReports.NOT_DUPLICATE)
                    .query(rs -> {
                        out.add(new ReportFaults(
                                rs.getString(1).trim(),
                                rs.getObject(2, OffsetDateTime.class).toInstant(),
                                rs.getLong(3)));
                    });
        }
        return out;
    }
}
