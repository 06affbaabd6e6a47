package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * The vehicle state a check-in reports, named as COVESA VSS signals. Every signal may be absent
 * ({@code null}) when the vehicle cannot read it; a rule that needs an absent signal is not met.
 *
 * @param stateOfChargePercent {@code Vehicle.Powertrain.TractionBattery.StateOfCharge.Current}, 0–100 %
 * @param lowVoltageBatteryVolts {@code Vehicle.LowVoltageBattery.CurrentVoltage}, volts
 * @param lowVoltageSystemState {@code Vehicle.LowVoltageSystemState}, the ignition position
 * @param parkLockEngaged {@code Vehicle.Powertrain.Transmission.IsParkLockEngaged}
 * @param speedKmh {@code Vehicle.Speed}, km/h
 * @param latitude {@code Vehicle.CurrentLocation.Latitude}, WGS 84 degrees (personal data: location class)
 * @param longitude {@code Vehicle.CurrentLocation.Longitude}, WGS 84 degrees (personal data: location class)
 *
 * <p>Ranges are VSS's: state of charge 0 to 100, latitude -90 to 90, longitude -180 to 180; speed and voltage
 * have none in VSS but must be finite. A server refuses a check-in with a signal outside its range
 * ({@link #outOfRange()}); an agent leaves such a reading out ({@link #withinRange()}), as it would a signal it
 * cannot read.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VehicleSignals(
        @JsonProperty(STATE_OF_CHARGE) Double stateOfChargePercent,
        @JsonProperty(LOW_VOLTAGE_BATTERY_VOLTAGE) Double lowVoltageBatteryVolts,
        @JsonProperty(LOW_VOLTAGE_SYSTEM_STATE) LowVoltageSystemState lowVoltageSystemState,
        @JsonProperty(PARK_LOCK_ENGAGED) Boolean parkLockEngaged,
        @JsonProperty(SPEED) Double speedKmh,
        @JsonProperty(LATITUDE) Double latitude,
        @JsonProperty(LONGITUDE) Double longitude) {

    public static final String STATE_OF_CHARGE = "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current";
    public static final String LOW_VOLTAGE_BATTERY_VOLTAGE = "Vehicle.LowVoltageBattery.CurrentVoltage";
    public static final String LOW_VOLTAGE_SYSTEM_STATE = "Vehicle.LowVoltageSystemState";
    public static final String PARK_LOCK_ENGAGED = "Vehicle.Powertrain.Transmission.IsParkLockEngaged";
    public static final String SPEED = "Vehicle.Speed";
    /** The VSS branch of the vehicle's position; every signal under it is location data. */
    public static final String LOCATION_BRANCH = "Vehicle.CurrentLocation.";

    public static final String LATITUDE = LOCATION_BRANCH + "Latitude";
    public static final String LONGITUDE = LOCATION_BRANCH + "Longitude";

    /** The signals without a position (older agents and most vehicles report none). */
    public VehicleSignals(
            Double stateOfChargePercent,
            Double lowVoltageBatteryVolts,
            LowVoltageSystemState lowVoltageSystemState,
            Boolean parkLockEngaged,
            Double speedKmh) {
        this(
                stateOfChargePercent,
                lowVoltageBatteryVolts,
                lowVoltageSystemState,
                parkLockEngaged,
                speedKmh,
                null,
                null);
    }

    /** The first signal outside its range, as a sentence naming it; empty when every present signal is in range. */
    public Optional<String> outOfRange() {
        String problem = check(STATE_OF_CHARGE, stateOfChargePercent, 0, 100);
        problem = problem != null
                ? problem
                : check(LOW_VOLTAGE_BATTERY_VOLTAGE, lowVoltageBatteryVolts, -Double.MAX_VALUE, Double.MAX_VALUE);
        problem = problem != null ? problem : check(SPEED, speedKmh, -Double.MAX_VALUE, Double.MAX_VALUE);
        problem = problem != null ? problem : check(LATITUDE, latitude, -90, 90);
        problem = problem != null ? problem : check(LONGITUDE, longitude, -180, 180);
        return Optional.ofNullable(problem);
    }

    /** These signals with every reading outside its range left out (absent, like a signal that cannot be read). */
    public VehicleSignals withinRange() {
        return new VehicleSignals(
                in(stateOfChargePercent, 0, 100),
                in(lowVoltageBatteryVolts, -Double.MAX_VALUE, Double.MAX_VALUE),
                lowVoltageSystemState,
                parkLockEngaged,
                in(speedKmh, -Double.MAX_VALUE, Double.MAX_VALUE),
                in(latitude, -90, 90),
                in(longitude, -180, 180));
    }

    private static String check(String signal, Double value, double min, double max) {
        if (in(value, min, max) != null || value == null) {
            return null;
        }
        return Double.isFinite(value)
                ? signal + " is " + value + ", outside " + (long) min + ".." + (long) max
                : signal + " is not a finite number";
    }

    private static Double in(Double value, double min, double max) {
        return value != null && Double.isFinite(value) && value >= min && value <= max ? value : null;
    }

    /** The same signals with the position left out (for readers not allowed to see location). */
    public VehicleSignals withoutLocation() {
        return new VehicleSignals(
                stateOfChargePercent, lowVoltageBatteryVolts, lowVoltageSystemState, parkLockEngaged, speedKmh);
    }

    /** A vehicle standing still, parked, ignition off, with healthy batteries. */
    public static VehicleSignals parkedAndOff(double stateOfChargePercent, double lowVoltageBatteryVolts) {
        return new VehicleSignals(stateOfChargePercent, lowVoltageBatteryVolts, LowVoltageSystemState.OFF, true, 0.0);
    }
}
