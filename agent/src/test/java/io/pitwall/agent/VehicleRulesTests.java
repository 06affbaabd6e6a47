package io.pitwall.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.protocol.device.Connectivity;
import io.pitwall.protocol.device.LowVoltageSystemState;
import io.pitwall.protocol.device.VehicleSignals;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VehicleRulesTests {

    private static final InstallPolicy POLICY = InstallPolicy.defaults();
    private static final VehicleSignals OK = VehicleSignals.parkedAndOff(80, 12.6);

    static Stream<Arguments> installCases() {
        LowVoltageSystemState off = LowVoltageSystemState.OFF;
        return Stream.of(
                Arguments.of("all rules met", OK, true, false, List.of()),
                Arguments.of(
                        "ignition LOCK counts as off",
                        signals(80.0, 12.6, LowVoltageSystemState.LOCK, true, 0.0),
                        true,
                        false,
                        List.of()),
                Arguments.of("no consent", OK, false, false, List.of(Rule.CONSENT_MISSING)),
                Arguments.of(
                        "soc below minimum",
                        signals(19.9, 12.6, off, true, 0.0),
                        true,
                        false,
                        List.of(Rule.STATE_OF_CHARGE_LOW)),
                Arguments.of("soc exactly at minimum", signals(20.0, 12.6, off, true, 0.0), true, false, List.of()),
                Arguments.of(
                        "soc unknown",
                        signals(null, 12.6, off, true, 0.0),
                        true,
                        false,
                        List.of(Rule.STATE_OF_CHARGE_LOW)),
                Arguments.of(
                        "12 V below minimum",
                        signals(80.0, 11.7, off, true, 0.0),
                        true,
                        false,
                        List.of(Rule.LOW_VOLTAGE_LOW)),
                Arguments.of(
                        "12 V unknown",
                        signals(80.0, null, off, true, 0.0),
                        true,
                        false,
                        List.of(Rule.LOW_VOLTAGE_LOW)),
                Arguments.of(
                        "ignition ACC",
                        signals(80.0, 12.6, LowVoltageSystemState.ACC, true, 0.0),
                        true,
                        false,
                        List.of(Rule.IGNITION_ON)),
                Arguments.of(
                        "ignition ON",
                        signals(80.0, 12.6, LowVoltageSystemState.ON, true, 0.0),
                        true,
                        false,
                        List.of(Rule.IGNITION_ON)),
                Arguments.of(
                        "ignition UNDEFINED",
                        signals(80.0, 12.6, LowVoltageSystemState.UNDEFINED, true, 0.0),
                        true,
                        false,
                        List.of(Rule.IGNITION_ON)),
                Arguments.of(
                        "ignition unknown",
                        signals(80.0, 12.6, null, true, 0.0),
                        true,
                        false,
                        List.of(Rule.IGNITION_ON)),
                Arguments.of(
                        "park lock off", signals(80.0, 12.6, off, false, 0.0), true, false, List.of(Rule.NOT_PARKED)),
                Arguments.of(
                        "park lock unknown",
                        signals(80.0, 12.6, off, null, 0.0),
                        true,
                        false,
                        List.of(Rule.NOT_PARKED)),
                Arguments.of("rolling", signals(80.0, 12.6, off, true, 3.0), true, false, List.of(Rule.MOVING)),
                Arguments.of("speed unknown", signals(80.0, 12.6, off, true, null), true, false, List.of(Rule.MOVING)),
                Arguments.of(
                        "driving, reported in order",
                        signals(10.0, 11.0, LowVoltageSystemState.ON, false, 50.0),
                        false,
                        false,
                        List.of(
                                Rule.CONSENT_MISSING,
                                Rule.STATE_OF_CHARGE_LOW,
                                Rule.LOW_VOLTAGE_LOW,
                                Rule.IGNITION_ON,
                                Rule.NOT_PARKED,
                                Rule.MOVING)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installCases")
    void installRules(String name, VehicleSignals signals, boolean consent, boolean inPlace, List<Rule> expected) {
        var state = new VehicleState(signals, Connectivity.CELLULAR, consent);
        assertThat(VehicleRules.unmetForInstall(POLICY, state, inPlace)).isEqualTo(expected);
    }

    @Test
    void inPlaceInstallsNeedParkedAndOffEvenWhenThePolicyAllowsAbWhileDriving() {
        var driving =
                new VehicleState(signals(80.0, 12.6, LowVoltageSystemState.ON, false, 30.0), Connectivity.WIFI, true);
        var relaxed = POLICY.allowingAbInstallsWhileDriving();
        assertThat(VehicleRules.unmetForInstall(relaxed, driving, false)).isEmpty();
        assertThat(VehicleRules.unmetForInstall(relaxed, driving, true))
                .containsExactly(Rule.IGNITION_ON, Rule.NOT_PARKED, Rule.MOVING);
    }

    @Test
    void zeroMinimumsSwitchTheBatteryRulesOff() {
        var noBatteryReadings =
                new VehicleState(signals(null, null, LowVoltageSystemState.OFF, true, 0.0), Connectivity.NONE, true);
        var policy = POLICY.withMinStateOfChargePercent(0).withMinLowVoltageVolts(0);
        assertThat(VehicleRules.unmetForInstall(policy, noBatteryReadings, false))
                .isEmpty();
    }

    static Stream<Arguments> downloadCases() {
        long limit = POLICY.wifiRequiredAboveBytes();
        return Stream.of(
                Arguments.of("small package on cellular", limit, Connectivity.CELLULAR, true, List.of()),
                Arguments.of(
                        "large package on cellular",
                        limit + 1,
                        Connectivity.CELLULAR,
                        true,
                        List.of(Rule.WIFI_REQUIRED)),
                Arguments.of("large package offline", limit + 1, Connectivity.NONE, true, List.of(Rule.WIFI_REQUIRED)),
                Arguments.of("large package on Wi-Fi", limit + 1, Connectivity.WIFI, true, List.of()),
                Arguments.of("no consent", 1L, Connectivity.WIFI, false, List.of(Rule.CONSENT_MISSING)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("downloadCases")
    void downloadRules(String name, long bytes, Connectivity link, boolean consent, List<Rule> expected) {
        var state = new VehicleState(OK, link, consent);
        assertThat(VehicleRules.unmetForDownload(POLICY, state, bytes)).isEqualTo(expected);
    }

    private static VehicleSignals signals(
            Double soc, Double volts, LowVoltageSystemState ignition, Boolean park, Double speed) {
        return new VehicleSignals(soc, volts, ignition, park, speed);
    }
}
