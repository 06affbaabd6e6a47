package io.pitwall.server.inventory;

/** Questions about single vehicles by VIN, for modules that act on vehicles. */
public interface KnownVehicles {

    boolean exists(String vin);

    /** Whether one of the vehicle's ECUs is expected to run the image with this sha256. */
    boolean runs(String vin, String sha256);
}
