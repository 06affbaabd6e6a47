package io.pitwall.server.diagnostics.persistence;

import static io.pitwall.server.privacy.DataClass.DIAGNOSTIC;

import io.pitwall.server.privacy.DataCatalogue.SignalColumn;
import io.pitwall.server.privacy.DataCatalogue.Table;
import io.pitwall.server.privacy.PersonalDataContribution;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The diagnostics module's vehicle data for the privacy catalogue, and its diagnostic retention: DTC reports
 * received before the cutoff go with their fault observations, then the pattern rollup's days before the cutoff's
 * UTC day.
 */
@Component
class DiagnosticsPersonalData implements PersonalDataContribution {

    private final JdbcClient jdbc;

    DiagnosticsPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Table> tables() {
        return List.of(
                Table.of(
                        "dtc_report",
                        DIAGNOSTIC,
                        Map.of(),
                        "id vin seq ecu_serial ecu_type firmware_version source_format decoded "
                                + "occurred_at received_at vehicle_state quality problem fault_digest"),
                Table.child(
                        "fault_observation",
                        DIAGNOSTIC,
                        "report_id",
                        "SELECT id FROM dtc_report WHERE vin = :vin",
                        "report_id position code display_code dtc_hex status_mask severity functional_unit"),
                Table.of(
                        "fault_pattern_day",
                        DIAGNOSTIC,
                        Map.of(),
                        "epoch_day code model ecu_type firmware_version vin observations"));
    }

    @Override
    public List<SignalColumn> signalColumns() {
        return List.of(new SignalColumn("dtc_report", "vehicle_state", "received_at", List.of("id")));
    }

    @Override
    public List<RetentionStep> diagnosticRetention() {
        return List.of(this::deleteReports, this::deletePatternDays);
    }

    private int deleteReports(Instant cutoff, int limit) {
        List<Long> ids = reportsReceivedBefore(cutoff, limit);
        int deleted = deleteReports(ids);
        return ids.size() < limit ? -deleted - 1 : deleted;
    }

    private int deletePatternDays(Instant cutoff, int limit) {
        int deleted = deletePatternDaysBefore(
                cutoff.atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay(), limit);
        return deleted == 0 ? -1 : deleted;
    }

    /** Ids of up to {@code limit} DTC reports received before the instant, oldest first. */
    private List<Long> reportsReceivedBefore(Instant before, int limit) {
        return jdbc.sql("SELECT id FROM dtc_report WHERE received_at < :before ORDER BY id FETCH FIRST " + limit
                        + " ROWS ONLY")
                .param("before", before.atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .list();
    }

    /** Deletes the reports and their fault observations; returns the reports deleted. */
    private int deleteReports(List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        jdbc.sql("DELETE FROM fault_observation WHERE report_id IN (:ids)")
                .param("ids", ids)
                .update();
        return jdbc.sql("DELETE FROM dtc_report WHERE id IN (:ids)")
                .param("ids", ids)
                .update();
    }

    /** Deletes up to {@code limit} rows of each pattern rollup for UTC days before the given one. */
    private int deletePatternDaysBefore(long epochDay, int limit) {
        int deleted = jdbc.sql("""
                DELETE FROM fault_pattern_day WHERE (epoch_day, code, model, ecu_type, firmware_version, vin) IN (
                    SELECT epoch_day, code, model, ecu_type, firmware_version, vin FROM fault_pattern_day
                    WHERE epoch_day < :day ORDER BY epoch_day FETCH FIRST %d ROWS ONLY)""".formatted(limit)).param("day", epochDay).update();
        deleted += jdbc.sql("""
                DELETE FROM fault_pattern_count WHERE (epoch_day, code, model, ecu_type, firmware_version) IN (
                    SELECT epoch_day, code, model, ecu_type, firmware_version FROM fault_pattern_count
                    WHERE epoch_day < :day ORDER BY epoch_day FETCH FIRST %d ROWS ONLY)""".formatted(limit)).param("day", epochDay).update();
        deleted += jdbc.sql("""
                DELETE FROM fault_pattern_week WHERE (epoch_week, code, model, ecu_type, firmware_version) IN (
                    SELECT epoch_week, code, model, ecu_type, firmware_version FROM fault_pattern_week
                    WHERE epoch_week * 7 + 3 < :day ORDER BY epoch_week FETCH FIRST %d ROWS ONLY)""".formatted(limit)).param("day", epochDay).update();
        return deleted + jdbc.sql("""
                DELETE FROM fault_pattern_delta WHERE id IN (
                    SELECT id FROM fault_pattern_delta WHERE epoch_day < :day ORDER BY id FETCH FIRST %d ROWS ONLY)""".formatted(limit)).param("day", epochDay).update();
    }
}
