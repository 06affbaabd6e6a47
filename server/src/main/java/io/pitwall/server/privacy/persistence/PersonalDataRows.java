package io.pitwall.server.privacy.persistence;

import io.pitwall.server.privacy.DataCatalogue;
import io.pitwall.server.privacy.DataCatalogue.SignalColumn;
import io.pitwall.server.privacy.DataCatalogue.Table;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The privacy module's SQL over the tables of {@link DataCatalogue}: the one documented exception to "modules
 * never touch each other's tables", because retention and erasure must reach every stored copy and the
 * catalogue (checked against the live schema) is where that knowledge lives. Table and column names come
 * only from the catalogue, never from input.
 */
@Repository
public class PersonalDataRows {

    /** A row holding signal JSON: its key values (in {@link SignalColumn#key()} order), its time (or null), the text. */
    public record SignalRow(List<Object> key, Instant at, String text) {
    }

    private final JdbcClient jdbc;

    PersonalDataRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} rows older than {@code before} (or of the vehicle) whose text matches the pattern. */
    public List<SignalRow> signalRows(SignalColumn column, String likePattern, Instant before, String vin, int limit) {
        String sql = "SELECT " + String.join(", ", column.key()) + ", " + column.time() + ", " + column.column()
                + " FROM " + column.table() + " WHERE " + column.column() + " LIKE :pattern"
                + (before == null ? "" : " AND " + column.time() + " < :before")
                + (vin == null ? "" : " AND vin = :vin")
                + " ORDER BY " + String.join(", ", column.key()) + " FETCH FIRST " + limit + " ROWS ONLY";
        var statement = jdbc.sql(sql).param("pattern", likePattern);
        if (before != null) {
            statement = statement.param("before", before.atOffset(ZoneOffset.UTC));
        }
        if (vin != null) {
            statement = statement.param("vin", vin);
        }
        int keys = column.key().size();
        return statement.query((rs, n) -> {
            List<Object> key = new ArrayList<>(keys);
            for (int i = 1; i <= keys; i++) {
                key.add(rs.getObject(i));
            }
            OffsetDateTime at = rs.getObject(keys + 1, OffsetDateTime.class);
            return new SignalRow(key, at == null ? null : at.toInstant(), rs.getString(keys + 2));
        }).list();
    }

    /** Writes the redacted text of one row, only if it still holds what was read (a concurrent change wins). */
    public int replaceSignals(SignalColumn column, SignalRow row, String redacted) {
        StringBuilder sql = new StringBuilder("UPDATE " + column.table() + " SET " + column.column()
                + " = :text WHERE " + column.column() + " = :old");
        for (int i = 0; i < column.key().size(); i++) {
            sql.append(" AND ").append(column.key().get(i)).append(" = :k").append(i);
        }
        var statement = jdbc.sql(sql.toString()).param("text", redacted).param("old", row.text());
        for (int i = 0; i < column.key().size(); i++) {
            statement = statement.param("k" + i, row.key().get(i));
        }
        return statement.update();
    }

    /** Ids of up to {@code limit} DTC reports received before the instant, oldest first. */
    public List<Long> reportsReceivedBefore(Instant before, int limit) {
        return jdbc.sql("SELECT id FROM dtc_report WHERE received_at < :before ORDER BY id FETCH FIRST " + limit
                + " ROWS ONLY").param("before", before.atOffset(ZoneOffset.UTC)).query(Long.class).list();
    }

    /** Deletes the reports and their fault observations; returns the reports deleted. */
    public int deleteReports(List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        jdbc.sql("DELETE FROM fault_observation WHERE report_id IN (:ids)").param("ids", ids).update();
        return jdbc.sql("DELETE FROM dtc_report WHERE id IN (:ids)").param("ids", ids).update();
    }

    /** Deletes up to {@code limit} rows of each pattern rollup for UTC days before the given one. */
    public int deletePatternDaysBefore(long epochDay, int limit) {
        int deleted = jdbc.sql("""
                DELETE FROM fault_pattern_day WHERE (epoch_day, code, model, ecu_type, firmware_version, vin) IN (
                    SELECT epoch_day, code, model, ecu_type, firmware_version, vin FROM fault_pattern_day
                    WHERE epoch_day < :day ORDER BY epoch_day FETCH FIRST %d ROWS ONLY)""".formatted(limit))
                .param("day", epochDay).update();
        deleted += jdbc.sql("""
                DELETE FROM fault_pattern_count WHERE (epoch_day, code, model, ecu_type, firmware_version) IN (
                    SELECT epoch_day, code, model, ecu_type, firmware_version FROM fault_pattern_count
                    WHERE epoch_day < :day ORDER BY epoch_day FETCH FIRST %d ROWS ONLY)""".formatted(limit))
                .param("day", epochDay).update();
        deleted += jdbc.sql("""
                DELETE FROM fault_pattern_week WHERE (epoch_week, code, model, ecu_type, firmware_version) IN (
                    SELECT epoch_week, code, model, ecu_type, firmware_version FROM fault_pattern_week
                    WHERE epoch_week * 7 + 3 < :day ORDER BY epoch_week FETCH FIRST %d ROWS ONLY)""".formatted(limit))
                .param("day", epochDay).update();
        return deleted + jdbc.sql("""
                DELETE FROM fault_pattern_delta WHERE id IN (
                    SELECT id FROM fault_pattern_delta WHERE epoch_day < :day ORDER BY id FETCH FIRST %d ROWS ONLY)"""
                .formatted(limit)).param("day", epochDay).update();
    }

    /** Every row of the table that belongs to the vehicle, column names in lower case, times as instants. */
    public List<Map<String, Object>> rowsOf(Table table, String vin) {
        return jdbc.sql("SELECT * FROM " + table.name() + " WHERE " + table.vehicleCondition())
                .param("vin", vin).query((rs, n) -> row(rs)).list();
    }

    public boolean vehicleExists(String vin) {
        return jdbc.sql("SELECT COUNT(*) FROM vehicle WHERE vin = :vin").param("vin", vin).query(Long.class)
                .single() > 0;
    }

    /** Deletes the vehicle's free-form attributes (account data); returns how many. */
    public int deleteAttributes(String vin) {
        return jdbc.sql("DELETE FROM vehicle_attribute WHERE vin = :vin").param("vin", vin).update();
    }

    /** Replaces the vehicle's customer type (account data) with the marker, as a change of the vehicle row. */
    public int anonymizeCustomerType(String vin, String marker, Instant now) {
        return jdbc.sql("""
                UPDATE vehicle SET customer_type = :marker, version = version + 1, updated_at = :now
                WHERE vin = :vin AND customer_type <> :marker""")
                .param("marker", marker).param("now", now.atOffset(ZoneOffset.UTC)).param("vin", vin).update();
    }

    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = rs.getObject(i);
            if (value instanceof Timestamp timestamp) {
                value = timestamp.toInstant();
            } else if (value instanceof OffsetDateTime time) {
                value = time.toInstant();
            } else if (value instanceof String text) {
                value = text.stripTrailing();
            }
            row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), value);
        }
        return row;
    }
}
