package io.pitwall.server.privacy;

/**
 * Who a data-subject request can be about: the vehicles the fleet register knows. Implemented by the module that
 * keeps the register (the inventory), so privacy needs no knowledge of its tables.
 */
public interface DataSubjects {

    /** Whether a vehicle with this VIN is registered. */
    boolean exists(String vin);
}
