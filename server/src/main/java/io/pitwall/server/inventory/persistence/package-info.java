/** The inventory's SQL: vehicles, ECUs, attributes, tags, reported state and ECU keys. */
@OwnedTables({
    "vehicle",
    "vehicle_attribute",
    "vehicle_tag",
    "ecu",
    "vehicle_report",
    "reported_ecu",
    "ecu_key",
    "attack_indicator"
})
package io.pitwall.server.inventory.persistence;

import io.pitwall.server.shared.OwnedTables;
