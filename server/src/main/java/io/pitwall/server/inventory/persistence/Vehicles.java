package io.pitwall.server.inventory.persistence;

import io.pitwall.server.inventory.RegisteredVehicle;
import io.pitwall.server.inventory.VehicleFilter;
import io.pitwall.server.inventory.VehicleSelection;
import io.pitwall.server.inventory.Vin;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reading vehicles: one, a set by VIN (the import's chunk state), a filtered page, ECU ownership. */
@Repository
public class Vehicles {

    private final JdbcClient jdbc;
    private final VehicleLoader loader;

    Vehicles(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.loader = new VehicleLoader(jdbc);
    }

    public Optional<RegisteredVehicle> find(Vin vin) {
        return Optional.ofNullable(loader.load(List.of(vin)).get(vin));
    }

    /** The stored vehicles among these VINs, with all their attributes, tags and ECUs (four queries). */
    public Map<Vin, RegisteredVehicle> findAll(Collection<Vin> vins) {
        return loader.load(vins);
    }

    public boolean exists(Vin vin) {
        return jdbc.sql("SELECT COUNT(*) FROM vehicle WHERE vin = :vin")
                        .param("vin", vin.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Which vehicle each of these ECU serials belongs to; serials nobody owns are absent. */
    public Map<String, Vin> ownersOf(Collection<String> serials) {
        Map<String, Vin> owners = new HashMap<>();
        KeyGroups.forEach(
                serials,
                group -> jdbc.sql("SELECT serial, vin FROM ecu WHERE serial = ANY(:serials)")
                        .param("serials", group)
                        .query(rs -> {
                            owners.put(rs.getString(1), new Vin(rs.getString(2)));
                        }));
        return owners;
    }

    /** One page of the vehicles matching the filter and the selection, ordered by VIN. */
    public List<RegisteredVehicle> page(VehicleFilter filter, VehicleSelection selection, int page, int size) {
        var where = VehicleWhere.of(filter, selection);
        var spec = jdbc.sql("SELECT v.vin FROM vehicle v" + where.sql()
                + " ORDER BY v.vin OFFSET :offset ROWS FETCH NEXT :size ROWS ONLY");
        where.params().forEach(spec::param);
        List<Vin> vins = spec.param("offset", (long) page * size)
                .param("size", size)
                .query((rs, i) -> new Vin(rs.getString(1)))
                .list();
        var loaded = loader.load(vins);
        return vins.stream().map(loaded::get).filter(v -> v != null).toList();
    }

    public long count(VehicleFilter filter, VehicleSelection selection) {
        var where = VehicleWhere.of(filter, selection);
        var spec = jdbc.sql("SELECT COUNT(*) FROM vehicle v" + where.sql());
        where.params().forEach(spec::param);
        return spec.query(Long.class).single();
    }
}
