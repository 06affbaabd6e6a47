package io.pitwall.protocol.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** VSS ranges: what a server refuses and what an agent leaves out. */
class VehicleSignalsTests {

    private static VehicleSignals signals(Double soc, Double volts, Double speed, Double latitude, Double longitude) {
        return new VehicleSignals(soc, volts, LowVoltageSystemState.OFF, true, speed, latitude, longitude);
    }

    @Test
    void signalsAtTheEdgesOfTheirRangesAndAbsentOnesAreInRange() {
        assertThat(signals(0.0, 12.6, 0.0, -90.0, -180.0).outOfRange()).isEmpty();
        assertThat(signals(100.0, 0.0, -5.0, 90.0, 180.0).outOfRange()).isEmpty();
        assertThat(signals(null, null, null, null, null).outOfRange()).isEmpty();
    }

    @Test
    void eachSignalOutsideItsVssRangeIsNamed() {
        assertThat(signals(-50.0, 12.6, 0.0, null, null).outOfRange())
                .hasValueSatisfying(p -> assertThat(p).startsWith(VehicleSignals.STATE_OF_CHARGE + " is -50.0"));
        assertThat(signals(100.5, 12.6, 0.0, null, null).outOfRange()).isPresent();
        assertThat(signals(50.0, 12.6, 0.0, 999.0, 0.0).outOfRange())
                .hasValueSatisfying(
                        p -> assertThat(p).startsWith(VehicleSignals.LATITUDE + " is 999.0, outside -90..90"));
        assertThat(signals(50.0, 12.6, 0.0, 0.0, -180.01).outOfRange())
                .hasValueSatisfying(p -> assertThat(p).startsWith(VehicleSignals.LONGITUDE));
        assertThat(signals(50.0, Double.POSITIVE_INFINITY, 0.0, null, null).outOfRange())
                .hasValueSatisfying(p -> assertThat(p)
                        .isEqualTo(VehicleSignals.LOW_VOLTAGE_BATTERY_VOLTAGE + " is not a finite number"));
        assertThat(signals(50.0, 12.6, Double.NaN, null, null).outOfRange()).isPresent();
    }

    @Test
    void withinRangeLeavesOutOnlyTheReadingsOutsideTheirRanges() {
        VehicleSignals read = signals(-50.0, 12.6, 3.0, 999.0, 10.0).withinRange();
        assertThat(read).isEqualTo(signals(null, 12.6, 3.0, null, 10.0));
        assertThat(read.outOfRange()).isEmpty();
    }
}
