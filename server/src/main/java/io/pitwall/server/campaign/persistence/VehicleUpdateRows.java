package io.pitwall.server.campaign.persistence;

import io.pitwall.server.campaign.spi.VehicleUpdate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Assignments by vehicle, read for other modules through {@code VehicleUpdates}. */
@Repository
public class VehicleUpdateRows {

    private static final int CHUNK = 500;
    private final JdbcClient jdbc;

    VehicleUpdateRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, List<VehicleUpdate>> changedSince(Collection<String> vins, Instant since) {
        Map<String, List<VehicleUpdate>> byVin = new HashMap<>();
        List<String> all = List.copyOf(vins);
        for (int from = 0; from < all.size(); from += CHUNK) {
            jdbc.sql("""
                    SELECT a.vin, a.campaign_id, c.name, a.status, a.updated_at FROM assignment a
                    JOIN campaign c ON c.id = a.campaign_id
                    WHERE a.vin IN (:vins) AND a.updated_at >= :since ORDER BY a.updated_at, a.id""")
                    .param("vins", all.subList(from, Math.min(all.size(), from + CHUNK)))
                    .param("since", since.atOffset(ZoneOffset.UTC))
                    .query(rs -> {
                        byVin.computeIfAbsent(rs.getString(1).trim(), v -> new ArrayList<>())
                                .add(new VehicleUpdate(
                                        rs.getLong(2),
                                        rs.getString(3),
                                        rs.getString(4),
                                        rs.getObject(5, OffsetDateTime.class).toInstant()));
                    });
        }
        return byVin;
    }
}
