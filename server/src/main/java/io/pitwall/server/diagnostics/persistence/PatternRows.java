package io.pitwall.server.diagnostics.persistence;

import io.pitwall.server.shared.persistence.TransactionTuning;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The recurring-patterns rollup: fault_pattern_count (observations per day and pattern) and fault_pattern_week
 * (the same per Monday-based week) for ranking, with the not yet folded rows of fault_pattern_delta (see
 * {@link PatternDeltas}) and fault_pattern_day (the same per vehicle, for exact distinct-vehicle counts).
 * Unknown model, ECU type or firmware are stored as '' (key columns) and read back as {@code null}. Days are UTC days since 1970-01-01; a week bucket is
 * {@code (day + 3) / 7}, Monday-based (1970-01-05, day 4, was a Monday), portable integer arithmetic.
 */
@Repository
public class PatternRows {

    /**
     * A pattern's key on one day ({@code day}; the week table's rows use the same key with the week number).
     * {@link #ORDER} is the one global order every writer locks keys in, so writers wait instead of deadlocking.
     */
    public record DayKey(int day, String code, String model, String ecuType, String firmwareVersion) {

        public static final Comparator<DayKey> ORDER = Comparator.comparingInt(DayKey::day)
                .thenComparing(DayKey::code)
                .thenComparing(k -> stored(k.model()))
                .thenComparing(k -> stored(k.ecuType()))
                .thenComparing(k -> stored(k.firmwareVersion()));
    }

    /** A pattern (code, model, ECU type, firmware) and its observations over the asked days. */
    public record Ranked(String code, String model, String ecuType, String firmwareVersion, long observations) {}

    /** One trend bucket: its number (a day, or a week as above), observations and distinct vehicles. */
    public record BucketRow(int bucket, long observations, long vehicles) {}

    private static final String KEY =
            " code = :code AND model = :model AND ecu_type = :type AND firmware_version = :fw";
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTuning tuning;

    PatternRows(JdbcClient jdbc, JdbcTemplate template, TransactionTuning tuning) {
        this.jdbc = jdbc;
        this.template = template;
        this.tuning = tuning;
    }

    /**
     * Adds a vehicle's observations per key to fault_pattern_day, one JDBC batch. Only the vehicle's own
     * ingesting transaction writes its rows, and it holds the vehicle's event cursor, so no two writers race
     * on a row's first insert.
     */
    public void addVehicleDays(String vin, Map<DayKey, Long> counts) {
        template.batchUpdate("""
                MERGE INTO fault_pattern_day p USING (SELECT CAST(? AS INT) AS epoch_day, CAST(? AS CHAR(5)) AS code,
                    CAST(? AS VARCHAR(64)) AS model, CAST(? AS VARCHAR(32)) AS ecu_type,
                    CAST(? AS VARCHAR(64)) AS firmware_version, CAST(? AS CHAR(17)) AS vin, CAST(? AS BIGINT) AS n
                    FROM (VALUES (1)) AS one(x)) s
                ON p.epoch_day = s.epoch_day AND p.code = s.code AND p.model = s.model AND p.ecu_type = s.ecu_type
                    AND p.firmware_version = s.firmware_version AND p.vin = s.vin
                WHEN MATCHED THEN UPDATE SET observations = p.observations + s.n
                WHEN NOT MATCHED THEN INSERT (epoch_day, code, model, ecu_type, firmware_version, vin, observations)
                    VALUES (s.epoch_day, s.code, s.model, s.ecu_type, s.firmware_version, s.vin, s.n)""", new ArrayList<>(counts.entrySet()), counts.size(), (ps, entry) -> {
            bindKey(ps, entry.getKey());
            ps.setString(6, vin);
            ps.setLong(7, entry.getValue());
        });
    }

    /** The {@code top} patterns by observations in days [from, to]; a {@code null} filter matches every value. */
    public List<Ranked> top(int from, int to, String model, String ecuType, String firmware, int top) {
        String filters = (model == null ? "" : " AND model = :model")
                + (ecuType == null ? "" : " AND ecu_type = :type")
                + (firmware == null ? "" : " AND firmware_version = :fw");
        tuning.largerWorkMemory();
        // Whole weeks inside [from, to] from the weekly table, the days at the edges from the daily one.
        int firstWeek = Math.floorDiv(from + 3 + 6, 7);
        int lastWeek = Math.floorDiv(to - 3, 7);
        int weeksFrom = firstWeek <= lastWeek ? 7 * firstWeek - 3 : to + 1;
        int weeksTo = firstWeek <= lastWeek ? 7 * lastWeek + 3 : to;
        var sql = jdbc.sql("""
                SELECT code, model, ecu_type, firmware_version, SUM(observations) AS observations FROM (
                    SELECT code, model, ecu_type, firmware_version, observations FROM fault_pattern_week
                    WHERE epoch_week >= :firstWeek AND epoch_week <= :lastWeek""" + filters + """

                    UNION ALL
                    SELECT code, model, ecu_type, firmware_version, observations FROM fault_pattern_count
                    WHERE ((epoch_day >= :from AND epoch_day < :weeksFrom) OR (epoch_day > :weeksTo AND epoch_day <= :to))""" + filters + """

                    UNION ALL
                    SELECT code, model, ecu_type, firmware_version, observations FROM fault_pattern_delta
                    WHERE epoch_day >= :from AND epoch_day <= :to""" + filters + """
                ) AS patterns
                GROUP BY code, model, ecu_type, firmware_version
                ORDER BY observations DESC, code, model, ecu_type, firmware_version
                FETCH FIRST %d ROWS ONLY""".formatted(top))
                .param("from", from)
                .param("to", to)
                .param("firstWeek", firstWeek)
                .param("lastWeek", lastWeek)
                .param("weeksFrom", weeksFrom)
                .param("weeksTo", weeksTo);
        if (model != null) {
            sql = sql.param("model", model);
        }
        if (ecuType != null) {
            sql = sql.param("type", ecuType);
        }
        if (firmware != null) {
            sql = sql.param("fw", firmware);
        }
        return sql.query((rs, n) -> new Ranked(
                        rs.getString("code").trim(),
                        read(rs.getString("model")),
                        read(rs.getString("ecu_type")),
                        read(rs.getString("firmware_version")),
                        rs.getLong("observations")))
                .list();
    }

    /** The pattern's buckets with observations in days [from, to], in order. */
    public List<BucketRow> trend(Ranked pattern, int from, int to, boolean weekly) {
        String bucket = weekly ? "(epoch_day + 3) / 7" : "epoch_day";
        return keyed(
                        jdbc.sql("SELECT " + bucket + " AS bucket, SUM(observations) AS observations,"
                                + " COUNT(DISTINCT vin) AS vehicles FROM fault_pattern_day WHERE" + KEY
                                + " AND epoch_day >= :from AND epoch_day <= :to GROUP BY " + bucket
                                + " ORDER BY bucket"),
                        pattern)
                .param("from", from)
                .param("to", to)
                .query((rs, n) ->
                        new BucketRow(rs.getInt("bucket"), rs.getLong("observations"), rs.getLong("vehicles")))
                .list();
    }

    /** Distinct vehicles that reported the pattern in days [from, to]. */
    public long vehicles(Ranked pattern, int from, int to) {
        return keyed(
                        jdbc.sql("SELECT COUNT(DISTINCT vin) FROM fault_pattern_day WHERE" + KEY
                                + " AND epoch_day >= :from AND epoch_day <= :to"),
                        pattern)
                .param("from", from)
                .param("to", to)
                .query(Long.class)
                .single();
    }

    private static JdbcClient.StatementSpec keyed(JdbcClient.StatementSpec sql, Ranked pattern) {
        return sql.param("code", pattern.code())
                .param("model", stored(pattern.model()))
                .param("type", stored(pattern.ecuType()))
                .param("fw", stored(pattern.firmwareVersion()));
    }

    /** Binds a key's day (or week), code, model, ECU type and firmware as parameters 1 to 5. */
    static void bindKey(PreparedStatement ps, DayKey key) throws SQLException {
        ps.setInt(1, key.day());
        ps.setString(2, key.code());
        ps.setString(3, stored(key.model()));
        ps.setString(4, stored(key.ecuType()));
        ps.setString(5, stored(key.firmwareVersion()));
    }

    /** The Monday-based week of a day: {@code (day + 3) / 7}, its days {@code 7w - 3 .. 7w + 3}. */
    static int weekOf(int day) {
        return Math.floorDiv(day + 3, 7);
    }

    static String stored(String value) {
        return value == null ? "" : value;
    }

    static String read(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
