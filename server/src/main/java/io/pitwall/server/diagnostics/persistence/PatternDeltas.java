package io.pitwall.server.diagnostics.persistence;

import io.pitwall.server.diagnostics.persistence.PatternRows.DayKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * fault_pattern_delta: observations per day and pattern appended at ingestion, and folded into
 * fault_pattern_count in the background. Ingestion never updates a shared row, so vehicles reporting the same
 * code do not queue behind each other's transactions.
 */
@Repository
public class PatternDeltas {

    /** An appended row not yet folded. */
    public record Delta(long id, DayKey key, long observations) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    PatternDeltas(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Appends one row per key, in one JDBC batch. */
    public void append(Map<DayKey, Long> counts) {
        template.batchUpdate("""
                INSERT INTO fault_pattern_delta (epoch_day, code, model, ecu_type, firmware_version, observations)
                VALUES (?, ?, ?, ?, ?, ?)""", new ArrayList<>(counts.entrySet()), counts.size(), (ps, entry) -> {
            PatternRows.bindKey(ps, entry.getKey());
            ps.setLong(6, entry.getValue());
        });
    }

    /** The oldest {@code limit} committed rows, in id order. */
    public List<Delta> oldest(int limit) {
        return jdbc.sql("""
                SELECT id, epoch_day, code, model, ecu_type, firmware_version, observations FROM fault_pattern_delta
                ORDER BY id FETCH FIRST %d ROWS ONLY""".formatted(limit))
                .query((rs, n) -> new Delta(
                        rs.getLong(1),
                        new DayKey(
                                rs.getInt(2),
                                rs.getString(3).trim(),
                                PatternRows.read(rs.getString(4)),
                                PatternRows.read(rs.getString(5)),
                                PatternRows.read(rs.getString(6))),
                        rs.getLong(7)))
                .list();
    }

    /**
     * Adds the summed observations to fault_pattern_count and, per Monday-based week, to fault_pattern_week: one
     * JDBC batch each, keys in the caller's order.
     */
    public void addToCounts(Map<DayKey, Long> sums) {
        merge("fault_pattern_count", "epoch_day", new ArrayList<>(sums.entrySet()));
        Map<DayKey, Long> weeks = new TreeMap<>(DayKey.ORDER);
        sums.forEach((key, n) -> weeks.merge(
                new DayKey(
                        PatternRows.weekOf(key.day()), key.code(), key.model(), key.ecuType(), key.firmwareVersion()),
                n,
                Long::sum));
        merge("fault_pattern_week", "epoch_week", new ArrayList<>(weeks.entrySet()));
    }

    private void merge(String table, String bucket, List<Map.Entry<DayKey, Long>> rows) {
        template.batchUpdate("""
                MERGE INTO %1$s p USING (SELECT CAST(? AS INT) AS b, CAST(? AS CHAR(5)) AS code,
                    CAST(? AS VARCHAR(64)) AS model, CAST(? AS VARCHAR(32)) AS ecu_type,
                    CAST(? AS VARCHAR(64)) AS firmware_version, CAST(? AS BIGINT) AS n FROM (VALUES (1)) AS one(x)) s
                ON p.%2$s = s.b AND p.code = s.code AND p.model = s.model AND p.ecu_type = s.ecu_type
                    AND p.firmware_version = s.firmware_version
                WHEN MATCHED THEN UPDATE SET observations = p.observations + s.n
                WHEN NOT MATCHED THEN INSERT (%2$s, code, model, ecu_type, firmware_version, observations)
                    VALUES (s.b, s.code, s.model, s.ecu_type, s.firmware_version, s.n)""".formatted(table, bucket), rows, rows.size(), (ps, entry) -> {
            PatternRows.bindKey(ps, entry.getKey());
            ps.setLong(6, entry.getValue());
        });
    }

    /** Deletes exactly these rows (never by range: a row with a lower id may commit after it was read). */
    public void delete(List<Long> ids) {
        for (int from = 0; from < ids.size(); from += 1000) {
            jdbc.sql("DELETE FROM fault_pattern_delta WHERE id IN (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 1000)))
                    .update();
        }
    }
}
