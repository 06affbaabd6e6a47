package io.pitwall.server.inventory;

import java.util.Optional;

/**
 * Facts about one vehicle that other modules' policies decide on, by VIN: where it is registered, whether its
 * owner consented to updates, its own time zone. Asked per vehicle (at check-in); set-based questions over the
 * fleet go through the SQL predicates {@link VehicleSelector} compiles.
 */
public interface VehicleFacts {

    /** A vehicle's region and whether its latest check-in reported owner consent (never checked in: no). */
    record RegionConsent(String region, boolean consent) {}

    /** The vehicle's region and latest reported consent; empty for an unknown VIN. */
    Optional<RegionConsent> regionAndConsent(String vin);

    /** The vehicle's own IANA time zone, from its {@code timeZone} attribute, as stored (not validated). */
    Optional<String> timeZone(String vin);
}
