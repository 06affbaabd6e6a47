package io.pitwall.server.campaign.persistence;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The inventory facts delivery checks a vehicle against, read-only from the inventory's tables. */
@Repository
public class VehicleFactsReadModel {

    /** A vehicle's region and whether its latest check-in reported owner consent (never checked in: no). */
    public record RegionConsent(String region, boolean consent) {
    }

    private final JdbcClient jdbc;

    public VehicleFactsReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The inventory's region and the latest reported consent, read-only, for the campaign's vehicle-state policy. */
    public Optional<RegionConsent> regionAndConsent(String vin) {
        return jdbc.sql("SELECT v.region, r.consent FROM vehicle v LEFT JOIN vehicle_report r ON r.vin = v.vin "
                + "WHERE v.vin = :vin").param("vin", vin)
                .query((rs, i) -> new RegionConsent(rs.getString(1), rs.getBoolean(2))).optional();
    }

    /** The vehicle's own IANA time zone, from its {@code timeZone} attribute (inventory, read-only). */
    public Optional<String> vehicleTimeZone(String vin) {
        return jdbc.sql("SELECT attr_value FROM vehicle_attribute WHERE vin = :vin AND name = 'timeZone'")
                .param("vin", vin).query(String.class).optional();
    }
}
