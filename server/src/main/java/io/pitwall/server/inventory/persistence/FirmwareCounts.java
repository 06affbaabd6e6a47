package io.pitwall.server.inventory.persistence;

import io.pitwall.server.inventory.FirmwareCount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The firmware inventory as one GROUP BY. Unfiltered (or by hardware id) it is an index-only scan of
 * {@code ecu_hardware_version_ix} (hardware_id, software_version, vin) in group order, so PostgreSQL
 * aggregates while streaming and COUNT(DISTINCT vin) sees each group's VINs already sorted. The vehicle
 * table is joined only when a model or region is asked for.
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
        var spec = jdbc.sql("SELECT e.hardware_id, e.software_version, COUNT(*), COUNT(DISTINCT e.vin) FROM ecu e"
                + (joinVehicle ? " JOIN vehicle v ON v.vin = e.vin" : "")
                + (clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses))
                + " GROUP BY e.hardware_id, e.software_version ORDER BY e.hardware_id, e.software_version");
        params.forEach(spec::param);
        return spec.query((rs, i) -> new FirmwareCount(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }
}
