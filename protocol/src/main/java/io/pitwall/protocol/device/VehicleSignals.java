package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

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
    public VehicleSignals(Double stateOfChargePercent, Double lowVoltageBatteryVolts,
            LowVoltageSystemState lowVoltageSystemState, Boolean parkLockEngaged, Double speedKmh) {
        this(stateOfChargePercent, lowVoltageBatteryVolts, lowVoltageSystemState, parkLockEngaged, speedKmh, null,
                null);
    }

    /** The same signals with the position left out (for readers not allowed to see location). */
    public VehicleSignals withoutLocation() {
        return new VehicleSignals(stateOfChargePercent, lowVoltageBatteryVolts, lowVoltageSystemState,
                parkLockEngaged, speedKmh);
    }

    /** A vehicle standing still, parked, ignition off, with healthy batteries. */
    public static VehicleSignals parkedAndOff(double stateOfChargePercent, double lowVoltageBatteryVolts) {
        return new VehicleSignals(stateOfChargePercent, lowVoltageBatteryVolts, LowVoltageSystemState.OFF, true, 0.0);
    }
}
