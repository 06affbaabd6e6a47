package io.pitwall.server.access;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The vehicle a device-API request was authenticated as (by its bearer credential or client certificate).
 * A handler that serves a vehicle takes this as a parameter and uses its VIN, never the path's: the parameter
 * is resolved only for an authenticated vehicle, and only when the path's {@code {vin}} is the same vehicle.
 */
public record AuthenticatedVehicle(String vin) {

    /** The authority an authenticated vehicle holds; operators never hold it. */
    public static final String AUTHORITY = "device:vehicle";

    public AuthenticatedVehicle {
        if (vin == null || vin.isBlank()) {
            throw new IllegalArgumentException("an authenticated vehicle has a VIN");
        }
    }

    /** The vehicle acting on this thread, if the request was authenticated as one. */
    public static Optional<AuthenticatedVehicle> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AuthenticatedVehicle vehicle) {
            return Optional.of(vehicle);
        }
        return Optional.empty();
    }
}
