package io.pitwall.server.inventory;

import java.util.Map;

/**
 * A compiled vehicle filter: a SQL boolean expression over the inventory's {@code vehicle} table aliased
 * {@code v}, with every value a named bind parameter (all names start with {@code rsql}, so a caller can
 * embed it beside its own parameters). No part of {@code sql} comes from user input except through
 * {@code params}. Only persistence code of modules with the documented read exception embeds it.
 */
public record VehicleSelection(String sql, Map<String, Object> params) {

    public VehicleSelection {
        params = Map.copyOf(params);
    }

    /**
     * The same selection with its parameters renamed from {@code rsql<n>} to {@code <prefix><n>}, to embed
     * two selections in one statement.
     */
    public VehicleSelection withPrefix(String prefix) {
        if (!prefix.matches("[a-z][a-z0-9]*")) {
            throw new IllegalArgumentException("A parameter prefix is lower-case letters and digits");
        }
        Map<String, Object> renamed = new java.util.HashMap<>();
        params.forEach((name, value) -> renamed.put(prefix + name.substring("rsql".length()), value));
        return new VehicleSelection(sql.replaceAll(":rsql(\\d+)\\b", ":" + prefix + "$1"), renamed);
    }

    /** Vehicles carrying the tag. */
    public static VehicleSelection taggedWith(String tag) {
        return new VehicleSelection(
                "EXISTS (SELECT 1 FROM vehicle_tag wt WHERE wt.vin = v.vin AND wt.tag = :rsql0)", Map.of("rsql0", tag));
    }

    /** Every vehicle. */
    public static VehicleSelection all() {
        return new VehicleSelection("1 = 1", Map.of());
    }
}
