package io.pitwall.bench.diagnostics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Seeds decoded DTC reports (columns of the diagnostics migration V15), {@code faultsPerReport} faults each,
 * over {@code days} UTC days from {@link #START}, set-based in PostgreSQL ({@code INSERT ... SELECT} over
 * {@code generate_series}, chunks of whole vehicles), then builds the recurring-patterns rollup (V33) chunk by
 * chunk with the aggregation the ingestion maintains incrementally (FaultPatternsIntegrationTests proves the two
 * equal); a chunk holds every report of its vehicles, so per-vehicle rollup rows never span chunks. The earlier
 * row-by-row COPY from Java plus one 10 M-row aggregation overran the scenario's time limit.
 * Report {@code g} belongs to vehicle {@code (g - 1) / perVehicle} (seq = its position there), on an ECU of that
 * vehicle and at a time picked by {@code hashint8extended} of {@code g} and the seed; codes are skewed as in a
 * real fleet: index = 500 × u³ for a uniform u from the same hash of (report, position).
 */
final class FaultLoader {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final int CHUNK_VEHICLES = 2_000;

    private FaultLoader() {}

    /** The code of a skew index, as the seeding SQL spells it: letter by index mod 4, then 0 and 3 hex digits. */
    static String code(int index) {
        return "PCBU".charAt(index % 4) + "0" + String.format("%03X", index);
    }

    static void load(DataSource dataSource, int vehicles, long faults, int faultsPerReport, int days, long seed)
            throws SQLException {
        long reports = (faults + faultsPerReport - 1) / faultsPerReport;
        long perVehicle = (reports + vehicles - 1) / vehicles;
        try (Connection connection = dataSource.getConnection();
                Statement s = connection.createStatement()) {
            connection.setAutoCommit(true);
            s.execute("SET work_mem = '256MB'");
            s.execute("""
                    CREATE TEMP TABLE bench_ecu AS
                    SELECT v.n, e.k, e.cnt, e.vin, e.serial, e.ecu_type, e.software_version
                    FROM (SELECT vin, row_number() OVER (ORDER BY vin) - 1 AS n FROM vehicle) v
                    JOIN (SELECT vin, serial, ecu_type, software_version,
                                 row_number() OVER (PARTITION BY vin ORDER BY serial) - 1 AS k,
                                 COUNT(*) OVER (PARTITION BY vin) AS cnt FROM ecu) e ON e.vin = v.vin""");
            s.execute("CREATE INDEX ON bench_ecu (n)");
            s.execute("ANALYZE bench_ecu");
            s.execute("""
                    CREATE TEMP TABLE bench_code AS SELECT i AS idx,
                        substr('PCBU', i % 4 + 1, 1) || '0' || lpad(upper(to_hex(i)), 3, '0') AS code,
                        lpad(upper(to_hex((i % 4) << 14 | i)), 4, '0') AS hex
                    FROM generate_series(0, 499) i""");
            s.execute("ANALYZE bench_code");
            try (PreparedStatement report = connection.prepareStatement("""
                    INSERT INTO dtc_report (id, vin, seq, ecu_serial, ecu_type, firmware_version, source_format,
                        decoded, occurred_at, received_at, vehicle_state, quality, problem)
                    SELECT g, e.vin, (g - 1) % ? + 1, e.serial, e.ecu_type, e.software_version, 'J2012', TRUE, t.at,
                        t.at, NULL, '', NULL
                    FROM generate_series(?::bigint, ?::bigint) g
                    JOIN bench_ecu e ON e.n = (g - 1) / ? AND e.k = (hashint8extended(g, ?) & 2147483647) % e.cnt
                    CROSS JOIN LATERAL (SELECT TIMESTAMPTZ '2026-01-01 00:00:00+00' + make_interval(secs =>
                        (hashint8extended(g, ? + 1) & 2147483647) % ?) AS at) t""");
                    PreparedStatement fault = connection.prepareStatement("""
                    INSERT INTO fault_observation (report_id, position, code, display_code, dtc_hex, status_mask,
                        severity, functional_unit)
                    SELECT g, p, c.code, c.code, c.hex, 9, NULL, NULL
                    FROM generate_series(?::bigint, ?::bigint) g CROSS JOIN generate_series(0, ? - 1) p
                    JOIN bench_code c ON c.idx = floor(500 * power((hashint8extended(g * 64 + p, ? + 2) & 16777215)
                        / 16777216.0, 3))
                    WHERE (g - 1) * ? + p < ?""");
                    PreparedStatement rollup = connection.prepareStatement("""
                    INSERT INTO fault_pattern_day (epoch_day, code, model, ecu_type, firmware_version, vin, observations)
                    SELECT CAST((r.occurred_at AT TIME ZONE 'UTC') AS DATE) - DATE '1970-01-01', o.code,
                        COALESCE(v.model, ''), COALESCE(r.ecu_type, ''), COALESCE(r.firmware_version, ''), r.vin,
                        COUNT(*)
                    FROM fault_observation o JOIN dtc_report r ON r.id = o.report_id
                    LEFT JOIN vehicle v ON v.vin = r.vin
                    WHERE r.id BETWEEN ? AND ? AND o.report_id BETWEEN ? AND ?
                    GROUP BY 1, 2, 3, 4, 5, 6""")) {
                for (long first = 0; first < vehicles; first += CHUNK_VEHICLES) {
                    long from = first * perVehicle + 1;
                    long to = Math.min(reports, Math.min(vehicles, first + CHUNK_VEHICLES) * perVehicle);
                    if (from > to) {
                        break;
                    }
                    set(report, perVehicle, from, to, perVehicle, seed, seed, (long) days * 86_400)
                            .executeUpdate();
                    set(fault, from, to, faultsPerReport, seed, faultsPerReport, faults)
                            .executeUpdate();
                    set(rollup, from, to, from, to).executeUpdate();
                }
            }
            s.execute("""
                    INSERT INTO fault_pattern_count (epoch_day, code, model, ecu_type, firmware_version, observations)
                    SELECT epoch_day, code, model, ecu_type, firmware_version, SUM(observations)
                    FROM fault_pattern_day GROUP BY 1, 2, 3, 4, 5""");
            s.execute("""
                    INSERT INTO fault_pattern_week (epoch_week, code, model, ecu_type, firmware_version, observations)
                    SELECT (epoch_day + 3) / 7, code, model, ecu_type, firmware_version, SUM(observations)
                    FROM fault_pattern_count GROUP BY 1, 2, 3, 4, 5""");
            s.execute("DROP TABLE bench_ecu");
            s.execute("DROP TABLE bench_code");
            for (String table : new String[] {
                "dtc_report", "fault_observation", "fault_pattern_day", "fault_pattern_count", "fault_pattern_week"
            }) {
                s.execute("VACUUM ANALYZE " + table);
            }
        }
    }

    private static PreparedStatement set(PreparedStatement statement, long... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setLong(i + 1, values[i]);
        }
        return statement;
    }
}
