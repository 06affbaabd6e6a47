package io.pitwall.agent;

/**
 * SPI: the vehicle integration's view of the vehicle (CAN/SOME-IP/VSS broker). Called at every
 * decision, so the answer must be current, cheap and never block for long.
 */
@FunctionalInterface
public interface VehicleStateSource {

    VehicleState current();
}
