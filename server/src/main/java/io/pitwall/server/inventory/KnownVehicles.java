package io.pitwall.server.inventory;

/** Whether a VIN belongs to a vehicle in the inventory, for modules that act on vehicles by VIN. */
public interface KnownVehicles {

    boolean exists(String vin);
}
