package io.pitwall.server.diagnostics.persistence;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The recurring-patterns rollup: fault_pattern_count (observations per day and pattern, for ranking and
 * observation trends) and fault_pattern_day (the same per vehicle, for exact distinct-vehicle counts).
 * Unknown model, ECU type or firmware are stored as '' (key columns) and read back as {@code null}. Days are UTC days since 1970-01-01; a week bucket is
 * {@code (day + 3) / 7}, Monday-based (1970-01-05, day 4, was a Monday), portable integer arithmetic.
 */
@Repository
public class PatternRows {

    /** A pattern's key on one day. */
    public record DayKey(int day, String code, String model, String ecuType, String firmwareVersion) {
    }

    /** A pattern (code, model, ECU type, firmware) and its observations over the asked days. */
    public record Ranked(String code, String model, String ecuType, String firmwareVersion, long observations) {
    }

    /** One trend bucket: its number (a day, or a week as above), observations and distinct vehicles. */
    public record BucketRow(int bucket, long observations, long vehicles) {
    }

    private static final String KEY = " code = :code AND model = :model AND ecu_type = :type AND firmware_version = :fw";
    private final JdbcClient jdbc;

    PatternRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(String vin, DayKey key, long observations) {
        jdbc.sql("""
                MERGE INTO fault_pattern_count p USING (SELECT CAST(:day AS INT) AS epoch_day, CAST(:code AS CHAR(5)) AS code,
                    CAST(:model AS VARCHAR(64)) AS model, CAST(:type AS VARCHAR(32)) AS ecu_type,
                    CAST(:fw AS VARCHAR(64)) AS firmware_version FROM (VALUES (1)) AS one(x)) s
                ON p.epoch_day = s.epoch_day AND p.code = s.code AND p.model = s.model AND p.ecu_type = s.ecu_type
                    AND p.firmware_version = s.firmware_version
                WHEN MATCHED THEN UPDATE SET observations = p.observations + :n
                WHEN NOT MATCHED THEN INSERT (epoch_day, code, model, ecu_type, firmware_version, observations)
                    VALUES (s.epoch_day, s.code, s.model, s.ecu_type, s.firmware_version, :n)""")
                .param("day", key.day()).param("code", key.code()).param("model", stored(key.model()))
                .param("type", stored(key.ecuType())).param("fw", stored(key.firmwareVersion()))
                .param("n", observations).update();
        jdbc.sql("""
                MERGE INTO fault_pattern_day p USING (SELECT CAST(:day AS INT) AS epoch_day, CAST(:code AS CHAR(5)) AS code,
                    CAST(:model AS VARCHAR(64)) AS model, CAST(:type AS VARCHAR(32)) AS ecu_type,
                    CAST(:fw AS VARCHAR(64)) AS firmware_version, CAST(:vin AS CHAR(17)) AS vin
                    FROM (VALUES (1)) AS one(x)) s
                ON p.epoch_day = s.epoch_day AND p.code = s.code AND p.model = s.model AND p.ecu_type = s.ecu_type
                    AND p.firmware_version = s.firmware_version AND p.vin = s.vin
                WHEN MATCHED THEN UPDATE SET observations = p.observations + :n
                WHEN NOT MATCHED THEN INSERT (epoch_day, code, model, ecu_type, firmware_version, vin, observations)
                    VALUES (s.epoch_day, s.code, s.model, s.ecu_type, s.firmware_version, s.vin, :n)""")
                .param("day", key.day()).param("code", key.code()).param("model", stored(key.model()))
                .param("type", stored(key.ecuType())).param("fw", stored(key.firmwareVersion())).param("vin", vin)
                .param("n", observations).update();
    }

    /** The {@code top} patterns by observations in days [from, to]; a {@code null} filter matches every value. */
    public List<Ranked> top(int from, int to, String model, String ecuType, String firmware, int top) {
        String filters = (model == null ? "" : " AND model = :model") + (ecuType == null ? "" : " AND ecu_type = :type")
                + (firmware == null ? "" : " AND firmware_version = :fw");
        var sql = jdbc.sql("""
                SELECT code, model, ecu_type, firmware_version, SUM(observations) AS observations
                FROM fault_pattern_count WHERE epoch_day >= :from AND epoch_day <= :to""" + filters + """

                GROUP BY code, model, ecu_type, firmware_version
                ORDER BY observations DESC, code, model, ecu_type, firmware_version
                FETCH FIRST %d ROWS ONLY""".formatted(top))
                .param("from", from).param("to", to);
        if (model != null) {
            sql = sql.param("model", model);
        }
        if (ecuType != null) {
            sql = sql.param("type", ecuType);
        }
        if (firmware != null) {
            sql = sql.param("fw", firmware);
        }
        return sql.query((rs, n) -> new Ranked(rs.getString("code").trim(), read(rs.getString("model")),
                read(rs.getString("ecu_type")), read(rs.getString("firmware_version")), rs.getLong("observations")))
                .list();
    }

    /** The pattern's buckets with observations in days [from, to], in order. */
    public List<BucketRow> trend(Ranked pattern, int from, int to, boolean weekly) {
        String bucket = weekly ? "(epoch_day + 3) / 7" : "epoch_day";
        return keyed(jdbc.sql("SELECT " + bucket + " AS bucket, SUM(observations) AS observations,"
                + " COUNT(DISTINCT vin) AS vehicles FROM fault_pattern_day WHERE" + KEY
                + " AND epoch_day >= :from AND epoch_day <= :to GROUP BY " + bucket + " ORDER BY bucket"), pattern)
                .param("from", from).param("to", to)
                .query((rs, n) -> new BucketRow(rs.getInt("bucket"), rs.getLong("observations"),
                        rs.getLong("vehicles"))).list();
    }

    /** Distinct vehicles that reported the pattern in days [from, to]. */
    public long vehicles(Ranked pattern, int from, int to) {
        return keyed(jdbc.sql("SELECT COUNT(DISTINCT vin) FROM fault_pattern_day WHERE" + KEY
                + " AND epoch_day >= :from AND epoch_day <= :to"), pattern)
                .param("from", from).param("to", to).query(Long.class).single();
    }

    private static JdbcClient.StatementSpec keyed(JdbcClient.StatementSpec sql, Ranked pattern) {
        return sql.param("code", pattern.code()).param("model", stored(pattern.model()))
                .param("type", stored(pattern.ecuType())).param("fw", stored(pattern.firmwareVersion()));
    }

    private static String stored(String value) {
        return value == null ? "" : value;
    }

    private static String read(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
