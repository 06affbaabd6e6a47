package io.pitwall.server.diagnostics.persistence;

import io.pitwall.protocol.dtc.DtcFault;
import io.pitwall.protocol.dtc.SourceFormat;
import io.pitwall.server.diagnostics.ReportQuality;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Stored DTC reports and their normalized faults (tables dtc_report and fault_observation). */
@Repository
public class DtcReports {

    /**
     * A report to store; {@code format} is {@code null} and {@code faults} empty when it could not be decoded.
     */
    public record NewReport(
            String vin,
            long seq,
            String ecuSerial,
            String ecuType,
            String firmwareVersion,
            SourceFormat format,
            Instant occurredAt,
            Instant receivedAt,
            String vehicleState,
            Set<ReportQuality> quality,
            String problem,
            List<DtcFault> faults,
            String faultDigest) {

        /** The report with one more quality flag. */
        public NewReport flagged(ReportQuality flag) {
            Set<ReportQuality> more = EnumSet.of(flag);
            more.addAll(quality);
            return new NewReport(
                    vin,
                    seq,
                    ecuSerial,
                    ecuType,
                    firmwareVersion,
                    format,
                    occurredAt,
                    receivedAt,
                    vehicleState,
                    more,
                    problem,
                    faults,
                    faultDigest);
        }
    }

    /** SHA-256 (hex) of the faults in order: code with failure type, status, severity and functional unit. */
    public static String digest(List<DtcFault> faults) {
        StringBuilder text = new StringBuilder(faults.size() * 24);
        for (DtcFault f : faults) {
            text.append(f.dtc().hex())
                    .append(':')
                    .append(f.status() == null ? "" : f.status().mask())
                    .append(':')
                    .append(f.severity() == null ? "" : f.severity().mask())
                    .append(':')
                    .append(f.functionalUnit() == null ? "" : f.functionalUnit())
                    .append(';');
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A stored decoded report, without its faults. */
    public record StoredReport(
            long id,
            String ecuSerial,
            String ecuType,
            String firmwareVersion,
            SourceFormat format,
            Instant occurredAt,
            Instant receivedAt,
            String vehicleState,
            Set<ReportQuality> quality) {}

    /** A LIKE pattern matching every report flagged {@link ReportQuality#DUPLICATE}; use with NOT LIKE. */
    public static final String NOT_DUPLICATE = "%" + ReportQuality.DUPLICATE.name() + "%";

    /** An ECU's report of one instant: what makes a report a duplicate of a stored one. */
    public record EcuInstant(String ecuSerial, Instant occurredAt, String faultDigest) {}

    private final JdbcTemplate template;
    private final JdbcClient jdbc;

    DtcReports(JdbcTemplate template, JdbcClient jdbc) {
        this.template = template;
        this.jdbc = jdbc;
    }

    /** Which of these reports (ECU, instant and faults) the vehicle already has stored. */
    public Set<EcuInstant> stored(String vin, Collection<EcuInstant> candidates) {
        Set<EcuInstant> found = new HashSet<>();
        List<EcuInstant> all = List.copyOf(candidates);
        for (int from = 0; from < all.size(); from += 200) {
            List<Object[]> pairs = all.subList(from, Math.min(all.size(), from + 200)).stream()
                    .map(c -> new Object[] {c.ecuSerial(), utc(c.occurredAt())})
                    .toList();
            jdbc.sql("""
                    SELECT ecu_serial, occurred_at, fault_digest FROM dtc_report
                    WHERE vin = :vin AND (ecu_serial, occurred_at) IN (:pairs) AND fault_digest IS NOT NULL""").param("vin", vin).param("pairs", pairs).query(rs -> {
                found.add(new EcuInstant(
                        rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3)));
            });
        }
        return found;
    }

    /**
     * Takes {@link ReportQuality#SEQUENCE_GAP} off the vehicle's reports of these event seqs (their gap filled);
     * returns how many reports changed.
     */
    public int clearSequenceGap(String vin, List<Long> seqs) {
        Map<Long, String> flagged = new java.util.HashMap<>();
        for (int from = 0; from < seqs.size(); from += 500) {
            jdbc.sql("SELECT id, quality FROM dtc_report WHERE vin = :vin AND seq IN (:seqs) AND quality LIKE :gap")
                    .param("vin", vin)
                    .param("seqs", seqs.subList(from, Math.min(seqs.size(), from + 500)))
                    .param("gap", "%" + ReportQuality.SEQUENCE_GAP.name() + "%")
                    .query(rs -> {
                        flagged.put(rs.getLong(1), rs.getString(2));
                    });
        }
        List<Long> ids = new ArrayList<>(flagged.keySet());
        template.batchUpdate("UPDATE dtc_report SET quality = ? WHERE id = ?", ids, ids.size(), (ps, id) -> {
            Set<ReportQuality> quality = quality(flagged.get(id));
            quality.remove(ReportQuality.SEQUENCE_GAP);
            ps.setString(1, codes(quality));
            ps.setLong(2, id);
        });
        return ids.size();
    }

    /**
     * Stores a batch's reports with their faults: one JDBC batch of reports (their generated ids read back in
     * batch order), then one of faults.
     */
    public void insert(List<NewReport> reports) {
        if (reports.isEmpty()) {
            return;
        }
        var keys = new GeneratedKeyHolder();
        template.batchUpdate(
                connection -> connection.prepareStatement("""
                INSERT INTO dtc_report (vin, seq, ecu_serial, ecu_type, firmware_version, source_format, decoded,
                    occurred_at, received_at, vehicle_state, quality, problem, fault_digest)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"}),
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        NewReport report = reports.get(i);
                        ps.setString(1, report.vin());
                        ps.setLong(2, report.seq());
                        ps.setString(3, report.ecuSerial());
                        ps.setString(4, report.ecuType());
                        ps.setString(5, report.firmwareVersion());
                        ps.setString(
                                6,
                                report.format() == null ? null : report.format().name());
                        ps.setBoolean(7, report.format() != null);
                        ps.setObject(8, utc(report.occurredAt()));
                        ps.setObject(9, utc(report.receivedAt()));
                        ps.setString(10, report.vehicleState());
                        ps.setString(11, codes(report.quality()));
                        ps.setString(12, report.problem());
                        ps.setString(13, report.faultDigest());
                    }

                    @Override
                    public int getBatchSize() {
                        return reports.size();
                    }
                },
                keys);
        List<Map<String, Object>> ids = keys.getKeyList();
        if (ids.size() != reports.size()) {
            throw new IllegalStateException("expected " + reports.size() + " generated report ids, got " + ids.size());
        }
        List<Fault> faults = new ArrayList<>();
        for (int r = 0; r < reports.size(); r++) {
            long id = ((Number) ids.get(r).values().iterator().next()).longValue();
            List<DtcFault> reported = reports.get(r).faults();
            for (int position = 0; position < reported.size(); position++) {
                faults.add(new Fault(id, position, reported.get(position)));
            }
        }
        if (faults.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                INSERT INTO fault_observation (report_id, position, code, display_code, dtc_hex, status_mask,
                    severity, functional_unit)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", faults, faults.size(), (ps, f) -> {
            DtcFault fault = f.fault();
            ps.setLong(1, f.reportId());
            ps.setInt(2, f.position());
            ps.setString(3, fault.dtc().baseCode());
            ps.setString(4, fault.dtc().display());
            ps.setString(5, fault.dtc().hex());
            setInt(ps, 6, fault.status() == null ? null : fault.status().mask());
            setInt(ps, 7, fault.severity() == null ? null : fault.severity().mask());
            setInt(ps, 8, fault.functionalUnit());
        });
    }

    private record Fault(long reportId, int position, DtcFault fault) {}

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static String codes(Set<ReportQuality> quality) {
        return quality.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    static Set<ReportQuality> quality(String codes) {
        Set<ReportQuality> flags = EnumSet.noneOf(ReportQuality.class);
        if (codes != null && !codes.isBlank()) {
            Arrays.stream(codes.split(",")).map(ReportQuality::valueOf).forEach(flags::add);
        }
        return flags;
    }
}
