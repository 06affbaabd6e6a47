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
 * The privacy module's generic SQL over the tables of {@link DataCatalogue}: export reads a vehicle's rows, and
 * retention and erasure cut signals out of the JSON columns the owning modules declared, because they must reach
 * every stored copy. Table and column names come only from the modules' contributions, never from input; this
 * class names no table itself (statements that need more than names are the owning module's own).
 */
@Repository
public class PersonalDataRows {

    /** A row holding signal JSON: its key values (in {@link SignalColumn#key()} order), its time (or null), the text. */
    public record SignalRow(List<Object> key, Instant at, String text) {}

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
        return statement
                .query((rs, n) -> {
                    List<Object> key = new ArrayList<>(keys);
                    for (int i = 1; i <= keys; i++) {
                        key.add(rs.getObject(i));
                    }
                    OffsetDateTime at = rs.getObject(keys + 1, OffsetDateTime.class);
                    return new SignalRow(key, at == null ? null : at.toInstant(), rs.getString(keys + 2));
                })
                .list();
    }

    /** Writes the redacted text of one row, only if it still holds what was read (a concurrent change wins). */
    public int replaceSignals(SignalColumn column, SignalRow row, String redacted) {
        StringBuilder sql = new StringBuilder("UPDATE " + column.table() + " SET " + column.column() + " = :text WHERE "
                + column.column() + " = :old");
        for (int i = 0; i < column.key().size(); i++) {
            sql.append(" AND ").append(column.key().get(i)).append(" = :k").append(i);
        }
        var statement = jdbc.sql(sql.toString()).param("text", redacted).param("old", row.text());
        for (int i = 0; i < column.key().size(); i++) {
            statement = statement.param("k" + i, row.key().get(i));
        }
        return statement.update();
    }

    /** Every row of the table that belongs to the vehicle, column names in lower case, times as instants. */
    public List<Map<String, Object>> rowsOf(Table table, String vin) {
        return jdbc.sql("SELECT * FROM " + table.name() + " WHERE " + table.vehicleCondition())
                .param("vin", vin)
                .query((rs, n) -> row(rs))
                .list();
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
