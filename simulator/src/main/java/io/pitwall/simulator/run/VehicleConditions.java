package io.pitwall.simulator.run;

import io.pitwall.agent.VehicleState;
import io.pitwall.agent.VehicleStateSource;
import io.pitwall.protocol.device.Connectivity;
import io.pitwall.protocol.device.LowVoltageSystemState;
import io.pitwall.protocol.device.VehicleSignals;
import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * A vehicle's state over time, from a few numbers drawn once: a vehicle that starts low on charge charges
 * past the install threshold, one that starts driving parks (and switches from cellular to its home
 * Wi-Fi), both within the settle time. The owner consents. Computed from the world clock on every call.
 */
public final class VehicleConditions implements VehicleStateSource {

    private static final double CHARGED_ENOUGH = 25;
    private final Clock world;
    private final long startMillis;
    private final double startCharge;
    private final double chargePerMilli;
    private final long parkAtMillis;

    VehicleConditions(Clock world, long startMillis, double startCharge, double chargePerMilli, long parkAtMillis) {
        this.world = world;
        this.startMillis = startMillis;
        this.startCharge = startCharge;
        this.chargePerMilli = chargePerMilli;
        this.parkAtMillis = parkAtMillis;
    }

    /** Draws a vehicle's conditions; always the same number of draws, so later draws do not shift. */
    public static VehicleConditions draw(
            Clock world,
            double lowBatteryShare,
            double ignitionOnShare,
            Duration settleWithin,
            RandomGenerator random) {
        boolean low = random.nextDouble() < lowBatteryShare;
        double lowCharge = 5 + random.nextDouble() * 12;
        double healthyCharge = 45 + random.nextDouble() * 50;
        double chargeTime = settleWithin.toMillis() * (0.3 + 0.7 * random.nextDouble());
        boolean driving = random.nextDouble() < ignitionOnShare;
        double driveTime = settleWithin.toMillis() * (0.2 + 0.8 * random.nextDouble());
        long start = world.millis();
        double charge = low ? lowCharge : healthyCharge;
        double rate = low ? (CHARGED_ENOUGH - lowCharge) / Math.max(1, chargeTime) : 0;
        return new VehicleConditions(world, start, charge, rate, driving ? start + (long) driveTime : start);
    }

    @Override
    public VehicleState current() {
        long now = world.millis();
        double charge = Math.min(98, startCharge + chargePerMilli * Math.max(0, now - startMillis));
        if (now < parkAtMillis) {
            return new VehicleState(
                    new VehicleSignals(charge, 14.2, LowVoltageSystemState.ON, false, 48.0),
                    Connectivity.CELLULAR,
                    true);
        }
        return new VehicleState(VehicleSignals.parkedAndOff(charge, 12.6), Connectivity.WIFI, true);
    }

    /** Whether the vehicle started below the install threshold. */
    public boolean startedLow() {
        return chargePerMilli > 0;
    }

    /** Whether the vehicle started out being driven. */
    public boolean startedDriving() {
        return parkAtMillis > startMillis;
    }
}
