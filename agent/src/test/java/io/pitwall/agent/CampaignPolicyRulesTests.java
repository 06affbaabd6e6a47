package io.pitwall.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.protocol.device.Assignment;
import io.pitwall.protocol.device.Connectivity;
import io.pitwall.protocol.device.LowVoltageSystemState;
import io.pitwall.protocol.device.VehiclePolicy;
import io.pitwall.protocol.device.VehicleSignals;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The campaign's policy against the vehicle's own, rule by rule: a stricter campaign value defers, a laxer
 * one never loosens the vehicle's rule.
 */
class CampaignPolicyRulesTests {

    private static final InstallPolicy OWN = InstallPolicy.defaults();
    private static final byte[] IMAGE = TestImages.bytes(2000, 3);
    private static final VehicleState READY = state(VehicleSignals.parkedAndOff(30, 12.4), Connectivity.WIFI, true);

    @Test
    void aHigherCampaignStateOfChargeDefersALowerOneKeepsTheVehicles() {
        assertThat(install(READY, policy(40.0, null, null, null, null, null)))
                .containsExactly(Rule.STATE_OF_CHARGE_LOW);
        assertThat(install(READY, policy(25.0, null, null, null, null, null))).isEmpty();
        var at15 = state(VehicleSignals.parkedAndOff(15, 12.4), Connectivity.WIFI, true);
        assertThat(install(at15, policy(5.0, null, null, null, null, null))).containsExactly(Rule.STATE_OF_CHARGE_LOW);
    }

    @Test
    void aHigherCampaignLowVoltageMinimumDefersALowerOneKeepsTheVehicles() {
        assertThat(install(READY, policy(null, 12.5, null, null, null, null))).containsExactly(Rule.LOW_VOLTAGE_LOW);
        var weak = state(VehicleSignals.parkedAndOff(80, 11.5), Connectivity.WIFI, true);
        assertThat(install(weak, policy(null, 10.0, null, null, null, null))).containsExactly(Rule.LOW_VOLTAGE_LOW);
    }

    @Test
    void aCampaignRequiringIgnitionOffDefersAVehicleThatAllowsAbWhileDrivingAndFalseNeverLoosens() {
        var ignitionOn =
                state(new VehicleSignals(80.0, 12.6, LowVoltageSystemState.ON, true, 0.0), Connectivity.WIFI, true);
        var relaxed = OWN.allowingAbInstallsWhileDriving();
        assertThat(VehicleRules.unmetForInstall(relaxed, ignitionOn, assignment(null), false))
                .isEmpty();
        assertThat(VehicleRules.unmetForInstall(
                        relaxed, ignitionOn, assignment(policy(null, null, true, null, null, null)), false))
                .containsExactly(Rule.IGNITION_ON);
        assertThat(install(ignitionOn, policy(null, null, false, null, null, null)))
                .containsExactly(Rule.IGNITION_ON);
    }

    @Test
    void aCampaignRequiringParkedDefersAVehicleThatAllowsAbWhileDrivingAndFalseNeverLoosens() {
        var unlocked =
                state(new VehicleSignals(80.0, 12.6, LowVoltageSystemState.OFF, false, 0.0), Connectivity.WIFI, true);
        var relaxed = OWN.allowingAbInstallsWhileDriving();
        assertThat(VehicleRules.unmetForInstall(
                        relaxed, unlocked, assignment(policy(null, null, null, true, null, null)), false))
                .containsExactly(Rule.NOT_PARKED);
        assertThat(install(unlocked, policy(null, null, null, false, null, null)))
                .containsExactly(Rule.NOT_PARKED);
    }

    @Test
    void aSmallerCampaignWifiLimitDefersTheDownloadALargerOneKeepsTheVehicles() {
        var cellular = state(VehicleSignals.parkedAndOff(80, 12.6), Connectivity.CELLULAR, true);
        assertThat(download(cellular, null)).isEmpty();
        assertThat(download(cellular, policy(null, null, null, null, 100L, null)))
                .containsExactly(Rule.WIFI_REQUIRED);
        assertThat(download(cellular, policy(null, null, null, null, (long) IMAGE.length, null)))
                .isEmpty();
        var tightOwn = OWN.withWifiRequiredAboveBytes(100);
        Assignment lax = assignment(policy(null, null, null, null, Long.MAX_VALUE, null));
        assertThat(VehicleRules.unmetForDownload(tightOwn, cellular, lax)).containsExactly(Rule.WIFI_REQUIRED);
    }

    @Test
    void aCampaignRequiringConsentDefersAVehicleThatDoesNotAndFalseNeverLoosens() {
        var noConsent = state(VehicleSignals.parkedAndOff(80, 12.6), Connectivity.WIFI, false);
        var withoutConsentRule = new InstallPolicy(20, 11.8, true, true, true, Long.MAX_VALUE, false);
        Assignment requiring = assignment(policy(null, null, null, null, null, true));
        assertThat(VehicleRules.unmetForDownload(withoutConsentRule, noConsent, requiring))
                .containsExactly(Rule.CONSENT_MISSING);
        assertThat(VehicleRules.unmetForInstall(withoutConsentRule, noConsent, requiring, false))
                .containsExactly(Rule.CONSENT_MISSING);
        assertThat(download(noConsent, policy(null, null, null, null, null, false)))
                .containsExactly(Rule.CONSENT_MISSING);
    }

    @Test
    void noCampaignPolicyLeavesTheVehiclesPolicyAsItIs() {
        assertThat(OWN.stricter(null)).isSameAs(OWN);
        assertThat(OWN.stricter(policy(1.0, 1.0, false, false, Long.MAX_VALUE, false)))
                .isEqualTo(OWN);
    }

    private static List<Rule> install(VehicleState state, VehiclePolicy campaign) {
        return VehicleRules.unmetForInstall(OWN, state, assignment(campaign), false);
    }

    private static List<Rule> download(VehicleState state, VehiclePolicy campaign) {
        return VehicleRules.unmetForDownload(OWN, state, assignment(campaign));
    }

    private static VehiclePolicy policy(
            Double soc, Double volts, Boolean ignitionOff, Boolean parked, Long wifiAbove, Boolean consent) {
        return new VehiclePolicy(soc, volts, ignitionOff, parked, wifiAbove, consent);
    }

    private static Assignment assignment(VehiclePolicy campaign) {
        return new Assignment(
                "asg-1",
                "cmp-1",
                List.of(new TestImages().target("BMS-0001", "BMS-HW-7", "2.4.0", IMAGE, 5)),
                false,
                campaign);
    }

    private static VehicleState state(VehicleSignals signals, Connectivity link, boolean consent) {
        return new VehicleState(signals, link, consent);
    }
}
