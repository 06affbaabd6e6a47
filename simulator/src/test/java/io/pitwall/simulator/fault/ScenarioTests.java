package io.pitwall.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.simulator.fleet.FleetMix;
import io.pitwall.simulator.fleet.Weighted;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioTests {

    @Test
    void aScenarioOverridesItsBaseProfileAndDescribesTheFleet() {
        Scenario scenario = Scenario.parse("""
                {
                  "name": "winter-eu", "vehicles": 2000, "seed": 7, "profile": "flaky-network",
                  "fleet": { "models": {"Volta S": 3, "Kestrel": 1}, "regions": {"EU": 1}, "tags": ["winter"],
                             "customModels": [{"name": "Pilot", "weight": 2, "hardware": ["TCU-HW-5", "BMS-HW-7"]}] },
                  "faults": { "networkDropRate": 0.1, "latencyMillis": [20, 150], "lowBatteryShare": 0.1,
                              "ignitionOnShare": 0.2, "installFailures": [{"hardwareId": "ADAS-HW-9", "version": "7.3.0",
                              "bootFailure": 0.2}], "crashDuringInstallShare": 0.02, "clockSkewSeconds": 120 }
                }""", "test.json");

        assertThat(scenario.name()).isEqualTo("winter-eu");
        assertThat(scenario.vehicles()).hasValue(2000);
        assertThat(scenario.seed()).hasValue(7L);
        FaultProfile f = scenario.faults();
        assertThat(f.networkDropRate()).isEqualTo(0.1);
        assertThat(f.latencyMin()).isEqualTo(Duration.ofMillis(20));
        assertThat(f.latencyMax()).isEqualTo(Duration.ofMillis(150));
        assertThat(f.duplicateBatchShare()).as("kept from flaky-network").isEqualTo(0.05);
        assertThat(f.installFaults()).containsExactly(new InstallFault("ADAS-HW-9", "7.3.0", 0, 0.2));
        assertThat(f.crashDuringInstallShare()).isEqualTo(0.02);
        assertThat(f.maxClockSkew()).isEqualTo(Duration.ofMinutes(2));
        assertThat(scenario.fleet().models())
                .extracting(w -> w.value().name(), Weighted::weight)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Volta S", 3),
                        org.assertj.core.groups.Tuple.tuple("Kestrel", 1),
                        org.assertj.core.groups.Tuple.tuple("Pilot", 2));
        assertThat(scenario.fleet().regions()).extracting(w -> w.value().name()).containsExactly("EU");
        assertThat(scenario.fleet().tags()).containsExactly("winter");
    }

    @Test
    void aMinimalScenarioIsACleanStandardFleet() {
        Scenario scenario = Scenario.parse("{}", "empty.json");

        assertThat(scenario.faults()).isEqualTo(FaultProfile.CLEAN.withName("empty.json"));
        assertThat(scenario.fleet()).isEqualTo(FleetMix.standard());
        assertThat(scenario.vehicles()).isEmpty();
    }

    @Test
    void mistakesAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> Scenario.parse("{\"faults\": {\"networkDropRat\": 0.1}}", "typo.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("networkDropRat");
        assertThatThrownBy(() -> Scenario.parse("{\"profile\": \"stormy\"}", "p.json"))
                .hasMessageContaining("unknown profile 'stormy'");
        assertThatThrownBy(() -> Scenario.parse("{\"fleet\": {\"models\": {\"Model T\": 1}}}", "m.json"))
                .hasMessageContaining("unknown model 'Model T'");
        assertThatThrownBy(() -> Scenario.parse(
                        "{\"fleet\": {\"customModels\": [{\"name\": \"X\", \"hardware\": [\"FLUX-1\"]}]}}", "h.json"))
                .hasMessageContaining("unknown hardware id 'FLUX-1'");
        assertThatThrownBy(() -> Scenario.parse("{\"faults\": {\"networkDropRate\": 1.5}}", "r.json"))
                .hasMessageContaining("networkDropRate is a share between 0 and 1");
        assertThatThrownBy(() -> Scenario.parse("{\"vehicles\": 0}", "v.json")).hasMessageContaining("vehicles");
        assertThatThrownBy(() -> Scenario.parse("{\"faults\": ", "broken.json")).hasMessageContaining("broken.json");
    }

    @Test
    void theExampleScenariosParse() {
        Scenario winter = Scenario.load(java.nio.file.Path.of("scenarios", "winter-eu.json"));
        Scenario pilot = Scenario.load(java.nio.file.Path.of("scenarios", "pilot-fleet.json"));

        assertThat(winter.vehicles()).hasValue(2000);
        assertThat(winter.faults().lowBatteryShare()).isEqualTo(0.3);
        assertThat(pilot.fleet().models()).extracting(w -> w.value().name()).containsExactly("Pilot Mule");
        assertThat(pilot.faults().networkDropRate()).isZero();
    }

    @Test
    void builtInProfilesAreFoundByName() {
        assertThat(FaultProfile.names()).containsExactly("clean", "flaky-network", "harsh", "demo");
        assertThat(FaultProfile.named("HARSH")).contains(FaultProfile.HARSH);
        assertThat(FaultProfile.named("nope")).isEmpty();
    }
}
