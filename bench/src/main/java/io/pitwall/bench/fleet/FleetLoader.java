package io.pitwall.bench.fleet;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads a generated fleet straight into the inventory tables with COPY, to give read scenarios a large
 * inventory in seconds. Mirrors the columns of the inventory migration (V3); ECU types and update
 * policies are the inventory's enum names.
 */
public final class FleetLoader {

    private static final int CHUNK = 10_000;
    private static final String CREATED = "2024-06-01T00:00:00Z";

    public void load(DataSource dataSource, FleetGenerator fleet, int vehicles) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            var vehicleRows = new StringBuilder();
            var ecuRows = new StringBuilder();
            for (int n = 0; n < vehicles; n++) {
                var v = fleet.vehicle(n);
                vehicleRows
                        .append(v.vin())
                        .append('\t')
                        .append(v.model())
                        .append('\t')
                        .append(v.modelYear())
                        .append('\t')
                        .append(v.region())
                        .append('\t')
                        .append(v.market())
                        .append('\t')
                        .append(v.customerType())
                        .append('\t')
                        .append(v.connectivity())
                        .append("\t1\t")
                        .append(CREATED)
                        .append('\t')
                        .append(CREATED)
                        .append('\n');
                for (var e : v.ecus()) {
                    ecuRows.append(e.serial())
                            .append('\t')
                            .append(v.vin())
                            .append('\t')
                            .append(e.ecuType())
                            .append('\t')
                            .append(e.hardwareId())
                            .append('\t')
                            .append(e.hardwareVariant())
                            .append('\t')
                            .append(e.softwareVersion())
                            .append('\t')
                            .append(e.imageHash())
                            .append('\t')
                            .append(e.updatePolicy())
                            .append('\t')
                            .append(e.primary())
                            .append('\n');
                }
                if ((n + 1) % CHUNK == 0 || n == vehicles - 1) {
                    copy.copyIn(
                            "COPY vehicle (vin, model, model_year, region, market, customer_type, connectivity, "
                                    + "version, created_at, updated_at) FROM STDIN",
                            new StringReader(vehicleRows.toString()));
                    copy.copyIn(
                            "COPY ecu (serial, vin, ecu_type, hardware_id, hardware_variant, software_version, "
                                    + "image_hash, update_policy, is_primary) FROM STDIN",
                            new StringReader(ecuRows.toString()));
                    vehicleRows.setLength(0);
                    ecuRows.setLength(0);
                }
            }
            connection.commit();
            // The steady state autovacuum reaches on its own: statistics and a visibility map for index-only scans.
            try (Statement vacuum = connection.createStatement()) {
                connection.setAutoCommit(true);
                vacuum.execute("VACUUM ANALYZE vehicle");
                vacuum.execute("VACUUM ANALYZE ecu");
            }
        }
    }
}
