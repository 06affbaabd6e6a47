package io.pitwall.server.inventory;

import java.util.Map;

/**
 * Which vehicles a listing shows; {@code null} (or an empty attribute map) means any. All given
 * criteria must hold; {@code attributes} needs every name to have exactly that value, {@code tag} and
 * {@code hardwareId} need the vehicle to carry the tag or an ECU with that hardware id.
 */
public record VehicleFilter(
        String model,
        String region,
        String market,
        String customerType,
        String tag,
        Map<String, String> attributes,
        String hardwareId) {

    public VehicleFilter {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static VehicleFilter any() {
        return new VehicleFilter(null, null, null, null, null, Map.of(), null);
    }
}
