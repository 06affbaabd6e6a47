package io.pitwall.server.inventory.persistence;

import io.pitwall.server.inventory.VehicleFilter;
import io.pitwall.server.inventory.VehicleSelection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A vehicle filter and a compiled RSQL selection as one parameterized WHERE clause over {@code vehicle v}. */
record VehicleWhere(String sql, Map<String, Object> params) {

    static VehicleWhere of(VehicleFilter filter, VehicleSelection selection) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>(selection.params());
        if (!selection.equals(VehicleSelection.all())) {
            clauses.add(selection.sql());
        }
        equal(clauses, params, "v.model", "model", filter.model());
        equal(clauses, params, "v.region", "region", filter.region());
        equal(clauses, params, "v.market", "market", filter.market());
        equal(clauses, params, "v.customer_type", "customerType", filter.customerType());
        if (filter.tag() != null) {
            clauses.add("EXISTS (SELECT 1 FROM vehicle_tag t WHERE t.vin = v.vin AND t.tag = :tag)");
            params.put("tag", filter.tag());
        }
        int i = 0;
        for (var attribute : new TreeMap<>(filter.attributes()).entrySet()) {
            clauses.add("EXISTS (SELECT 1 FROM vehicle_attribute a" + i + " WHERE a" + i + ".vin = v.vin AND a" + i
                    + ".name = :an" + i + " AND a" + i + ".attr_value = :av" + i + ")");
            params.put("an" + i, attribute.getKey());
            params.put("av" + i, attribute.getValue());
            i++;
        }
        if (filter.hardwareId() != null) {
            clauses.add("EXISTS (SELECT 1 FROM ecu e WHERE e.vin = v.vin AND e.hardware_id = :hardwareId)");
            params.put("hardwareId", filter.hardwareId());
        }
        return new VehicleWhere(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
    }

    private static void equal(
            List<String> clauses, Map<String, Object> params, String column, String name, String value) {
        if (value != null) {
            clauses.add(column + " = :" + name);
            params.put(name, value);
        }
    }
}
