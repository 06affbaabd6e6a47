package io.pitwall.server.inventory.persistence;

import io.pitwall.server.inventory.Ecu;
import io.pitwall.server.inventory.Vehicle;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes whole vehicles in batches: new ones are inserted, replaced ones get their row updated under
 * optimistic locking and their attributes, tags and ECUs rewritten. The caller's transaction makes a
 * call all-or-nothing, so a vehicle never lands without its ECUs.
 */
@Repository
public class VehicleWriter {

    /** A replacement of a stored vehicle that the caller saw at {@code expectedVersion}. */
    public record Update(Vehicle vehicle, long expectedVersion) {
    }

    private record Stamped(Vehicle vehicle, OffsetDateTime now) {
    }

    private record Owned<T>(String vin, T item) {
    }

    private static final MultiRowInsert<Stamped> VEHICLES = new MultiRowInsert<>("vehicle", List.of("vin", "model",
            "model_year", "region", "market", "customer_type", "connectivity", "version", "created_at", "updated_at"),
            VehicleWriter::bindVehicle);
    private static final MultiRowInsert<Owned<Ecu>> ECUS = new MultiRowInsert<>("ecu", List.of("serial", "vin",
            "ecu_type", "hardware_id", "hardware_variant", "software_version", "image_hash", "update_policy",
            "is_primary"), VehicleWriter::bindEcu);
    private static final MultiRowInsert<Owned<Map.Entry<String, String>>> ATTRIBUTES = new MultiRowInsert<>(
            "vehicle_attribute", List.of("vin", "name", "attr_value"), (ps, i, row) -> {
                ps.setString(i, row.vin());
                ps.setString(i + 1, row.item().getKey());
                ps.setString(i + 2, row.item().getValue());
            });
    private static final MultiRowInsert<Owned<String>> TAGS = new MultiRowInsert<>("vehicle_tag",
            List.of("vin", "tag"), (ps, i, row) -> {
                ps.setString(i, row.vin());
                ps.setString(i + 1, row.item());
            });

    private final JdbcTemplate template;

    VehicleWriter(JdbcTemplate template) {
        this.template = template;
    }

    /**
     * Inserts the new vehicles and applies the updates, stamping them with {@code now}. Throws
     * {@link OptimisticLockingFailureException} when an updated vehicle is no longer at its expected
     * version (or gone); the caller's transaction then rolls everything back.
     */
    public void apply(List<Vehicle> inserts, List<Update> updates, OffsetDateTime now) {
        List<Vehicle> written = new ArrayList<>(inserts);
        if (!updates.isEmpty()) {
            updateRows(updates, now);
            List<String> vins = updates.stream().map(u -> u.vehicle().vin().value()).toList();
            for (String table : List.of("ecu", "vehicle_attribute", "vehicle_tag")) {
                KeyGroups.forEach(vins, group -> template.update("DELETE FROM " + table + " WHERE vin = ANY(?)",
                        ps -> group.setValue(ps, 1)));
            }
            updates.forEach(u -> written.add(u.vehicle()));
        }
        VEHICLES.insert(template, inserts.stream().map(v -> new Stamped(v, now)).toList());
        List<Owned<Ecu>> ecus = new ArrayList<>();
        List<Owned<Map.Entry<String, String>>> attributes = new ArrayList<>();
        List<Owned<String>> tags = new ArrayList<>();
        for (Vehicle v : written) {
            String vin = v.vin().value();
            v.ecus().forEach(e -> ecus.add(new Owned<>(vin, e)));
            v.attributes().entrySet().forEach(a -> attributes.add(new Owned<>(vin, a)));
            v.tags().forEach(t -> tags.add(new Owned<>(vin, t)));
        }
        ECUS.insert(template, ecus);
        ATTRIBUTES.insert(template, attributes);
        TAGS.insert(template, tags);
    }

    /**
     * Deletes a vehicle with everything it owns; false when there was none. The vehicle row goes first:
     * that waits for a concurrent writer of the same vehicle to commit, so its children are deleted too
     * (PostgreSQL has no foreign keys on the child tables, see V6).
     */
    public boolean delete(String vin) {
        if (template.update("DELETE FROM vehicle WHERE vin = ?", vin) == 0) {
            return false;
        }
        for (String table : List.of("ecu", "vehicle_attribute", "vehicle_tag")) {
            template.update("DELETE FROM " + table + " WHERE vin = ?", vin);
        }
        return true;
    }

    private void updateRows(List<Update> updates, OffsetDateTime now) {
        int[] counts = template.batchUpdate("""
                UPDATE vehicle SET model = ?, model_year = ?, region = ?, market = ?, customer_type = ?,
                       connectivity = ?, version = version + 1, updated_at = ?
                WHERE vin = ? AND version = ?""", new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        Vehicle v = updates.get(i).vehicle();
                        ps.setString(1, v.model());
                        ps.setInt(2, v.modelYear());
                        ps.setString(3, v.region());
                        ps.setString(4, v.market());
                        ps.setString(5, v.customerType());
                        ps.setString(6, v.connectivity());
                        ps.setObject(7, now);
                        ps.setString(8, v.vin().value());
                        ps.setLong(9, updates.get(i).expectedVersion());
                    }

                    @Override
                    public int getBatchSize() {
                        return updates.size();
                    }
                });
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                var update = updates.get(i);
                throw new OptimisticLockingFailureException("vehicle " + update.vehicle().vin()
                        + " is not at version " + update.expectedVersion());
            }
        }
    }

    private static void bindVehicle(PreparedStatement ps, int i, Stamped row) throws SQLException {
        Vehicle v = row.vehicle();
        ps.setString(i, v.vin().value());
        ps.setString(i + 1, v.model());
        ps.setInt(i + 2, v.modelYear());
        ps.setString(i + 3, v.region());
        ps.setString(i + 4, v.market());
        ps.setString(i + 5, v.customerType());
        ps.setString(i + 6, v.connectivity());
        ps.setLong(i + 7, 0);
        ps.setObject(i + 8, row.now());
        ps.setObject(i + 9, row.now());
    }

    private static void bindEcu(PreparedStatement ps, int i, Owned<Ecu> row) throws SQLException {
        Ecu e = row.item();
        ps.setString(i, e.serial());
        ps.setString(i + 1, row.vin());
        ps.setString(i + 2, e.type().name());
        ps.setString(i + 3, e.hardwareId());
        ps.setString(i + 4, e.hardwareVariant());
        ps.setString(i + 5, e.softwareVersion());
        ps.setString(i + 6, e.imageHash());
        ps.setString(i + 7, e.updatePolicy().name());
        ps.setBoolean(i + 8, e.primary());
    }
}
