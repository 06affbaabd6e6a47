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

    /** Every vehicle. */
    public static VehicleSelection all() {
        return new VehicleSelection("1 = 1", Map.of());
    }
}
