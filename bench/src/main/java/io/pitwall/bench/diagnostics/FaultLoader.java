package io.pitwall.bench.diagnostics;

import io.pitwall.bench.fleet.FleetGenerator;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads decoded DTC reports with COPY (columns of the diagnostics migration V15), {@code faultsPerReport} faults
 * each, over {@code days} UTC days from {@link #START}, then builds the recurring-patterns rollup (V33) from them
 * with the aggregation the ingestion maintains incrementally (FaultPatternsIntegrationTests proves the two equal).
 * Codes are skewed (a few recur a lot, as in a real fleet): index = 500 × u³ for a uniform u.
 */
final class FaultLoader {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final int CHUNK = 20_000;
    private static final char[] LETTERS = {'P', 'C', 'B', 'U'};

    private FaultLoader() {
    }

    static String code(int index) {
        return LETTERS[index % 4] + "0" + String.format("%03X", index);
    }

    static void load(DataSource dataSource, FleetGenerator fleet, int vehicles, long faults, int faultsPerReport,
            int days, long seed) throws SQLException, IOException {
        var cars = new FleetGenerator.Vehicle[vehicles];
        for (int n = 0; n < vehicles; n++) {
            cars[n] = fleet.vehicle(n);
        }
        long[] seqs = new long[vehicles];
        var random = new SplittableRandom(seed);
        long reports = (faults + faultsPerReport - 1) / faultsPerReport;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            var reportRows = new StringBuilder();
            var faultRows = new StringBuilder();
            long written = 0;
            for (long id = 1; id <= reports; id++) {
                int n = random.nextInt(vehicles);
                var car = cars[n];
                var ecu = car.ecus().get(random.nextInt(car.ecus().size()));
                Instant at = START.plusSeconds(random.nextLong((long) days * 86_400));
                reportRows.append(id).append('\t').append(car.vin()).append('\t').append(++seqs[n]).append('\t')
                        .append(ecu.serial()).append('\t').append(ecu.ecuType()).append('\t')
                        .append(ecu.softwareVersion()).append("\tJ2012\tt\t").append(at).append('\t').append(at)
                        .append("\t\\N\t\t\\N\n");
                for (int position = 0; position < faultsPerReport && written < faults; position++, written++) {
                    double u = random.nextDouble();
                    int index = (int) (500 * u * u * u);
                    String code = code(index);
                    faultRows.append(id).append('\t').append(position).append('\t').append(code).append('\t')
                            .append(code).append('\t').append(String.format("%04X", (index % 4) << 14 | index))
                            .append("\t9\t\\N\t\\N\n");
                }
                if (id % CHUNK == 0 || id == reports) {
                    copy.copyIn("COPY dtc_report (id, vin, seq, ecu_serial, ecu_type, firmware_version, source_format, "
                            + "decoded, occurred_at, received_at, vehicle_state, quality, problem) FROM STDIN",
                            new StringReader(reportRows.toString()));
                    copy.copyIn("COPY fault_observation (report_id, position, code, display_code, dtc_hex, status_mask, "
                            + "severity, functional_unit) FROM STDIN", new StringReader(faultRows.toString()));
                    reportRows.setLength(0);
                    faultRows.setLength(0);
                }
            }
            try (Statement s = connection.createStatement()) {
                // The 10 M-row aggregation sorts far more than the default 4 MB work_mem and spilled to disk for
                // over 7 minutes on the shared two-core machine; this only affects seeding, not the timed query.
                s.execute("SET LOCAL work_mem = '256MB'");
                s.execute("""
                        INSERT INTO fault_pattern_day (epoch_day, code, model, ecu_type, firmware_version, vin, observations)
                        SELECT CAST((r.occurred_at AT TIME ZONE 'UTC') AS DATE) - DATE '1970-01-01', o.code,
                            COALESCE(v.model, ''), COALESCE(r.ecu_type, ''), COALESCE(r.firmware_version, ''), r.vin,
                            COUNT(*)
                        FROM fault_observation o JOIN dtc_report r ON r.id = o.report_id
                        LEFT JOIN vehicle v ON v.vin = r.vin
                        GROUP BY 1, 2, 3, 4, 5, 6""");
                s.execute("""
                        INSERT INTO fault_pattern_count (epoch_day, code, model, ecu_type, firmware_version, observations)
                        SELECT epoch_day, code, model, ecu_type, firmware_version, SUM(observations)
                        FROM fault_pattern_day GROUP BY 1, 2, 3, 4, 5""");
            }
            connection.commit();
            try (Statement vacuum = connection.createStatement()) {
                connection.setAutoCommit(true);
                for (String table : new String[] {"dtc_report", "fault_observation", "fault_pattern_day",
                        "fault_pattern_count"}) {
                    vacuum.execute("VACUUM ANALYZE " + table);
                }
            }
        }
    }
}
