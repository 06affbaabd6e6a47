package io.pitwall.server.inventory.persistence;

import io.pitwall.server.inventory.Ecu;
import io.pitwall.server.inventory.EcuType;
import io.pitwall.server.inventory.RegisteredVehicle;
import io.pitwall.server.inventory.UpdatePolicy;
import io.pitwall.server.inventory.Vehicle;
import io.pitwall.server.inventory.Vin;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Loads whole vehicles for a set of VINs with set-based queries per table (in {@link KeyGroups}). */
final class VehicleLoader {

    private record Head(
            String vin,
            String model,
            int modelYear,
            String region,
            String market,
            String customerType,
            String connectivity,
            long version,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {}

    private final JdbcClient jdbc;

    VehicleLoader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<Vin, RegisteredVehicle> load(Collection<Vin> vins) {
        List<String> keys = vins.stream().map(Vin::value).toList();
        List<Head> heads = new ArrayList<>();
        KeyGroups.forEach(
                keys,
                group -> heads.addAll(jdbc.sql("""
                SELECT vin, model, model_year, region, market, customer_type, connectivity, version, created_at,
                       updated_at FROM vehicle WHERE vin = ANY(:vins)""")
                        .param("vins", group)
                        .query((rs, i) -> new Head(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getInt(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getLong(8),
                                rs.getObject(9, OffsetDateTime.class),
                                rs.getObject(10, OffsetDateTime.class)))
                        .list()));
        if (heads.isEmpty()) {
            return Map.of();
        }
        List<String> found = heads.stream().map(Head::vin).toList();
        Map<String, TreeMap<String, String>> attributes = new HashMap<>();
        KeyGroups.forEach(
                found,
                group -> jdbc.sql("SELECT vin, name, attr_value FROM vehicle_attribute WHERE vin = ANY(:vins)")
                        .param("vins", group)
                        .query(rs -> {
                            attributes
                                    .computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                                    .put(rs.getString(2), rs.getString(3));
                        }));
        Map<String, TreeSet<String>> tags = new HashMap<>();
        KeyGroups.forEach(
                found,
                group -> jdbc.sql("SELECT vin, tag FROM vehicle_tag WHERE vin = ANY(:vins)")
                        .param("vins", group)
                        .query(rs -> {
                            tags.computeIfAbsent(rs.getString(1), k -> new TreeSet<>())
                                    .add(rs.getString(2));
                        }));
        Map<String, List<Ecu>> ecus = new HashMap<>();
        KeyGroups.forEach(
                found,
                group -> jdbc.sql("""
                SELECT vin, serial, ecu_type, hardware_id, hardware_variant, software_version, image_hash,
                       update_policy, is_primary FROM ecu WHERE vin = ANY(:vins)""").param("vins", group).query(rs -> {
                    ecus.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Ecu(
                                    rs.getString(2),
                                    EcuType.valueOf(rs.getString(3)),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getString(7),
                                    UpdatePolicy.valueOf(rs.getString(8)),
                                    rs.getBoolean(9)));
                }));
        Map<Vin, RegisteredVehicle> loaded = new LinkedHashMap<>();
        for (Head h : heads) {
            var vehicle = new Vehicle(
                    new Vin(h.vin()),
                    h.model(),
                    h.modelYear(),
                    h.region(),
                    h.market(),
                    h.customerType(),
                    h.connectivity(),
                    attributes.get(h.vin()),
                    tags.get(h.vin()),
                    ecus.get(h.vin()));
            loaded.put(vehicle.vin(), new RegisteredVehicle(vehicle, h.version(), h.createdAt(), h.updatedAt()));
        }
        return loaded;
    }
}
