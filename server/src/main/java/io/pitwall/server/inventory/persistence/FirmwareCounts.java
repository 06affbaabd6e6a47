package io.pitwall.server.inventory.persistence;

import io.pitwall.server.inventory.FirmwareCount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The firmware inventory as one GROUP BY. The inner grouping by (hardware_id, software_version, vin)
 * follows the {@code ecu_hardware_version_ix} index order, so PostgreSQL streams it without sorting and
 * the outer grouping only sees one row per vehicle and version; no COUNT(DISTINCT) sort is needed.
 * The vehicle table is joined only when a model or region is asked for.
 */
@Repository
public class FirmwareCounts {

    private final JdbcClient jdbc;

    FirmwareCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<FirmwareCount> count(String model, String region, String hardwareId) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        boolean joinVehicle = model != null || region != null;
        if (model != null) {
            clauses.add("v.model = :model");
            params.put("model", model);
        }
        if (region != null) {
            clauses.add("v.region = :region");
            params.put("region", region);
        }
        if (hardwareId != null) {
            clauses.add("e.hardware_id = :hardwareId");
            params.put("hardwareId", hardwareId);
        }
        var spec = jdbc.sql("SELECT hardware_id, software_version, SUM(n), COUNT(*) FROM ("
                + "SELECT e.hardware_id, e.software_version, e.vin, COUNT(*) AS n FROM ecu e"
                + (joinVehicle ? " JOIN vehicle v ON v.vin = e.vin" : "")
                + (clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses))
                + " GROUP BY e.hardware_id, e.software_version, e.vin) g"
                + " GROUP BY hardware_id, software_version ORDER BY hardware_id, software_version");
        params.forEach(spec::param);
        return spec.query((rs, i) -> new FirmwareCount(rs.getString(1), rs.getString(2), rs.getLong(3),
                rs.getLong(4))).list();
    }
}
