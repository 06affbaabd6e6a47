package io.pitwall.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.client.CampaignFilter;
import io.pitwall.client.ManagementClient;
import io.pitwall.server.support.LocalServer;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.simulator.CampaignSignOff;
import io.pitwall.simulator.DemoRelease;
import io.pitwall.simulator.Pacing;
import io.pitwall.simulator.Provisioning;
import io.pitwall.simulator.Seeds;
import io.pitwall.simulator.Simulation;
import io.pitwall.simulator.fault.FaultProfile;
import io.pitwall.simulator.fault.InstallFault;
import io.pitwall.simulator.fleet.Fleet;
import io.pitwall.simulator.fleet.FleetMix;
import io.pitwall.simulator.fleet.VehicleSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bad-release test with a simulated fleet over real HTTP: a release whose installs fail on exactly
 * 20 % of one hardware variant's ECUs (BMS-HW-8; every other variant clean) pauses the campaign at its pilot
 * gate, the next wave untouched, and the stored gate evidence names that variant and no other.
 */
class BadReleasePilotEndToEndTests {

    private static final String BAD_HARDWARE = "BMS-HW-8";
    private static final int BAD_VEHICLES = 10;
    private static final int OTHER_PILOT_VEHICLES = 5;
    private static final int REST_VEHICLES = 10;
    private static final Duration LIMIT = Duration.ofSeconds(90);

    abstract static class Contract extends OwnServer {

        @Test
        void aBadReleasePausesAtThePilotWithEvidenceNamingTheFailingVariant() {
            server = server(dir.resolve("server")).start();
            ManagementClient admin = server.admin();
            Seeds seeds = new Seeds(4_020);
            Fleet fleet = fleet(seeds);
            List<String> pilot = new ArrayList<>();
            fleet.vehicles().stream()
                    .filter(BadReleasePilotEndToEndTests::hasBadHardware)
                    .forEach(v -> pilot.add(v.vin()));
            fleet.vehicles().stream()
                    .filter(v -> !hasBadHardware(v))
                    .limit(OTHER_PILOT_VEHICLES)
                    .forEach(v -> pilot.add(v.vin()));
            Map<String, String> tokens = Provisioning.provision(admin, fleet);
            var knownGood = DemoRelease.publishKnownGood(admin, 2026, "Pilot known-good", "2025.4");
            var release = DemoRelease.publish(admin, 2026, "Pilot release", "2026.1");
            long campaign = admin.createCampaign("Bad pilot", release.releaseId(), CampaignFilter.tagged("bad-pilot"));
            Map<String, Object> gate = Map.of("minExecuted", pilot.size(), "maxFailureRate", 0.1);
            admin.planWaves(
                    campaign,
                    Map.of(
                            "waves",
                            List.of(
                                    Map.of(
                                            "name",
                                            "pilot",
                                            "kind",
                                            "VINS",
                                            "selector",
                                            String.join(",", pilot),
                                            "soakMinutes",
                                            0,
                                            "gate",
                                            gate),
                                    Map.of(
                                            "name",
                                            "rest",
                                            "kind",
                                            "REST",
                                            "soakMinutes",
                                            0,
                                            "gate",
                                            Map.of("minExecuted", 1))),
                            "abortCriteria",
                            List.of()));
            CampaignSignOff.signOff(admin, campaign, knownGood.releaseId(), "approver-bad-pilot");
            admin.startCampaign(campaign);
            assertThat(assigned(campaign)).as("the pilot alone is assigned").isEqualTo(pilot.size());

            // Exactly 20 % of the fleet's BMS-HW-8 ECUs (all of them in the pilot) fail every flash write.
            FaultProfile faults =
                    FaultProfile.CLEAN.withInstallFaults(List.of(InstallFault.failingExactly(BAD_HARDWARE, null, 0.2)));
            Simulation simulation = Simulation.builder(server.base())
                    .fleet(fleet)
                    .credentials(tokens)
                    .trustedKeys(admin.imageKeys())
                    .faults(faults)
                    .seeds(seeds)
                    .pacing(Pacing.fast())
                    .maxConcurrentTicks(8)
                    .build();
            try (simulation) {
                simulation.start();
                await().atMost(LIMIT)
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> "PAUSED".equals(admin.campaign(campaign).status()));
            }

            Map<String, Long> byStatus = new java.util.HashMap<>();
            server.jdbc()
                    .sql("SELECT status, COUNT(*) FROM assignment WHERE campaign_id = ? GROUP BY status")
                    .param(campaign)
                    .query(rs -> {
                        byStatus.put(rs.getString(1), rs.getLong(2));
                    });
            assertThat(byStatus)
                    .as("exactly 20 % of the bad variant's vehicles failed, everyone else succeeded")
                    .isEqualTo(Map.of(
                            "FAILED", (long) BAD_VEHICLES / 5, "SUCCEEDED", (long) pilot.size() - BAD_VEHICLES / 5));
            assertThat(admin.waves(campaign))
                    .containsExactly("pilot FAILED (" + pilot.size() + ")", "rest PLANNED (0)");
            String stored =
                    server.jdbc().sql("""
                    SELECT w.verdict_json FROM campaign_wave w WHERE w.campaign_id = ? AND w.name = 'pilot'""").param(campaign).query(String.class).single();
            JsonNode verdict = JsonMapper.builder().build().readTree(stored);
            JsonNode byHardware = verdict.get("failingByHardware");
            assertThat(byHardware.propertyNames()).as(stored).hasSize(1);
            String variant = byHardware.propertyNames().iterator().next();
            assertThat(variant).startsWith(BAD_HARDWARE + " ");
            assertThat(byHardware.get(variant).asLong()).isEqualTo(BAD_VEHICLES / 5);
            var failingVins = new TreeSet<String>();
            verdict.get("failing").forEach(f -> {
                assertThat(f.get("hardwareId").asString()).isEqualTo(BAD_HARDWARE);
                failingVins.add(f.get("vin").asString());
            });
            assertThat(failingVins)
                    .hasSize(BAD_VEHICLES / 5)
                    .allSatisfy(vin -> assertThat(pilot).contains(vin));
        }

        private long assigned(long campaign) {
            return server.jdbc()
                    .sql("SELECT COUNT(*) FROM assignment WHERE campaign_id = ?")
                    .param(campaign)
                    .query(Long.class)
                    .single();
        }
    }

    static boolean hasBadHardware(VehicleSpec vehicle) {
        return vehicle.ecus().stream().anyMatch(e -> e.hardwareId().equals(BAD_HARDWARE));
    }

    /**
     * {@value #BAD_VEHICLES} vehicles with the bad variant (so 20 % is exactly two) and
     * {@value #OTHER_PILOT_VEHICLES} + {@value #REST_VEHICLES} without it, from one seeded fleet.
     */
    static Fleet fleet(Seeds seeds) {
        Fleet all = seeds.fleet(120, FleetMix.standard().withTags(List.of("sim", "bad-pilot")));
        List<VehicleSpec> bad = all.vehicles().stream()
                .filter(BadReleasePilotEndToEndTests::hasBadHardware)
                .limit(BAD_VEHICLES)
                .toList();
        List<VehicleSpec> others = all.vehicles().stream()
                .filter(v -> !hasBadHardware(v))
                .limit(OTHER_PILOT_VEHICLES + REST_VEHICLES)
                .toList();
        assertThat(bad).hasSize(BAD_VEHICLES);
        assertThat(others).hasSize(OTHER_PILOT_VEHICLES + REST_VEHICLES);
        List<VehicleSpec> chosen = new ArrayList<>(bad);
        chosen.addAll(others);
        return new Fleet(chosen);
    }

    @Nested
    class OnH2 extends Contract {
        @Override
        LocalServer server(Path dataDir) {
            return LocalServer.onH2(dataDir);
        }
    }

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {
        @Override
        LocalServer server(Path dataDir) {
            return LocalServer.onPostgres(dataDir);
        }
    }
}
