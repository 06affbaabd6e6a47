package io.pitwall.server.inventory.persistence;

import io.pitwall.server.inventory.VehicleFacts;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcVehicleFacts implements VehicleFacts {

    private final JdbcClient jdbc;

    JdbcVehicleFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<RegionConsent> regionAndConsent(String vin) {
        return jdbc.sql("SELECT v.region, r.consent FROM vehicle v LEFT JOIN vehicle_report r ON r.vin = v.vin "
                        + "WHERE v.vin = :vin")
                .param("vin", vin)
                .query((rs, i) -> new RegionConsent(rs.getString(1), rs.getBoolean(2)))
                .optional();
    }

    @Override
    public Optional<String> timeZone(String vin) {
        return jdbc.sql("SELECT attr_value FROM vehicle_attribute WHERE vin = :vin AND name = 'timeZone'")
                .param("vin", vin)
                .query(String.class)
                .optional();
    }
}
