package io.pitwall.server.diagnostics.persistence;

import io.pitwall.protocol.dtc.DtcFault;
import io.pitwall.protocol.dtc.SourceFormat;
import io.pitwall.server.diagnostics.ReportQuality;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Stored DTC reports and their normalized faults (tables dtc_report and fault_observation). */
@Repository
public class DtcReports {

    /**
     * A report to store; {@code format} is {@code null} and {@code faults} empty when it could not be decoded.
     */
    public record NewReport(String vin, long seq, String ecuSerial, String ecuType, String firmwareVersion,
            SourceFormat format, Instant occurredAt, Instant receivedAt, String vehicleState,
            Set<ReportQuality> quality, String problem, List<DtcFault> faults) {
    }

    /** A stored decoded report, without its faults. */
    public record StoredReport(long id, String ecuSerial, String ecuType, String firmwareVersion,
            SourceFormat format, Instant occurredAt, Instant receivedAt, String vehicleState,
            Set<ReportQuality> quality) {
    }

    private final JdbcClient jdbc;

    DtcReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(NewReport report) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO dtc_report (vin, seq, ecu_serial, ecu_type, firmware_version, source_format, decoded,
                    occurred_at, received_at, vehicle_state, quality, problem)
                VALUES (:vin, :seq, :ecu, :type, :firmware, :format, :decoded, :occurred, :received, :state, :quality,
                    :problem)""")
                .param("vin", report.vin()).param("seq", report.seq()).param("ecu", report.ecuSerial())
                .param("type", report.ecuType()).param("firmware", report.firmwareVersion())
                .param("format", report.format() == null ? null : report.format().name())
                .param("decoded", report.format() != null).param("occurred", utc(report.occurredAt()))
                .param("received", utc(report.receivedAt())).param("state", report.vehicleState())
                .param("quality", codes(report.quality())).param("problem", report.problem())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        int position = 0;
        for (DtcFault fault : report.faults()) {
            jdbc.sql("""
                    INSERT INTO fault_observation (report_id, position, code, display_code, dtc_hex, status_mask,
                        severity, functional_unit)
                    VALUES (:id, :position, :code, :display, :hex, :status, :severity, :unit)""")
                    .param("id", id).param("position", position++).param("code", fault.dtc().baseCode())
                    .param("display", fault.dtc().display()).param("hex", fault.dtc().hex())
                    .param("status", fault.status() == null ? null : fault.status().mask())
                    .param("severity", fault.severity() == null ? null : fault.severity().mask())
                    .param("unit", fault.functionalUnit()).update();
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
