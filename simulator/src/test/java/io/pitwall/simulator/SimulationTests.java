package io.pitwall.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.simulator.fault.FaultProfile;
import io.pitwall.simulator.fleet.Fleet;
import io.pitwall.simulator.fleet.FleetMix;
import io.pitwall.simulator.run.SimulatedVehicle;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationTests {

    @TempDir
    Path dir;

    private List<String> faultsOf(long seed, FaultProfile profile) {
        Seeds seeds = new Seeds(seed);
        Fleet fleet = seeds.fleet(500, FleetMix.standard());
        try (Simulation simulation = Simulation.builder(URI.create("http://127.0.0.1:9"))
                .fleet(fleet)
                .credentials(TestKeys.tokens(fleet))
                .trustedKeys(List.of(TestKeys.imageKey()))
                .faults(profile)
                .seeds(seeds)
                .stateDir(dir)
                .build()) {
            return simulation.vehicles().stream().map(SimulationTests::faults).toList();
        }
    }

    private static String faults(SimulatedVehicle v) {
        return v.vin() + " low=" + v.conditions().startedLow() + " driving="
                + v.conditions().startedDriving() + " kill=" + v.crashPlan().installKill() + " disk="
                + v.keepsStateOnDisk();
    }

    @Test
    void theSameSeedDrawsTheSameFaultsForEveryVehicle() {
        List<String> first = faultsOf(17, FaultProfile.HARSH);

        assertThat(faultsOf(17, FaultProfile.HARSH)).isEqualTo(first);
        assertThat(faultsOf(18, FaultProfile.HARSH)).isNotEqualTo(first);
        assertThat(first)
                .anyMatch(f -> f.contains("low=true"))
                .anyMatch(f -> f.contains("driving=true"))
                .anyMatch(f -> f.contains("kill=BEFORE_WRITE"))
                .anyMatch(f -> f.contains("kill=AFTER_INSTALL"));
    }

    @Test
    void sharesOfTheProfileBecomeSharesOfTheFleetAndOnlyKilledAgentsKeepStateOnDisk() {
        List<String> faults =
                faultsOf(3, FaultProfile.CLEAN.withVehicleConditions(0.2, 0.5).withCrashes(0, 0.1));

        assertThat(faults.stream().filter(f -> f.contains("low=true")).count()).isBetween(70L, 130L);
        assertThat(faults.stream().filter(f -> f.contains("driving=true")).count())
                .isBetween(200L, 300L);
        assertThat(faults.stream().filter(f -> f.contains("disk=true")).count()).isBetween(30L, 70L);
        assertThat(faults).allMatch(f -> f.contains("kill=NONE") == f.contains("disk=false"));
        assertThat(faultsOf(3, FaultProfile.CLEAN))
                .allMatch(f -> f.contains("low=false driving=false kill=NONE disk=false"));
    }
}
