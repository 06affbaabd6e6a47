/**
 * The fleet inventory: vehicles, their ECUs (hardware id, installed software, update policy), attributes,
 * tags and the firmware inventory derived from them. Other modules ask it questions through
 * {@link io.pitwall.server.inventory.FleetHardware} and, per vehicle,
 * {@link io.pitwall.server.inventory.VehicleFacts}; nobody reads its tables, except campaign eligibility,
 * which embeds the SQL predicates {@link io.pitwall.server.inventory.VehicleSelector} compiles from RSQL filters.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"access", "privacy", "shared"})
package io.pitwall.server.inventory;
