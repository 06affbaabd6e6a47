package io.pitwall.server.inventory.persistence;

import io.pitwall.server.inventory.KnownVehicles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcKnownVehicles implements KnownVehicles {

    private final JdbcClient jdbc;

    JdbcKnownVehicles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean exists(String vin) {
        return vin != null
                && vin.length() == 17
                && jdbc.sql("SELECT COUNT(*) FROM vehicle WHERE vin = :vin")
                                .param("vin", vin)
                                .query(Long.class)
                                .single()
                        > 0;
    }

    @Override
    public boolean runs(String vin, String sha256) {
        return jdbc.sql("SELECT COUNT(*) FROM ecu WHERE vin = :vin AND image_hash = :sha")
                        .param("vin", vin)
                        .param("sha", sha256)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
