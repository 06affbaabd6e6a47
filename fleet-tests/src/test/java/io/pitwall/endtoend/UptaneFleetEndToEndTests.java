package io.pitwall.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.agent.AgentLifecycle.State;
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
import io.pitwall.simulator.UptaneRoots;
import io.pitwall.simulator.fault.FaultProfile;
import io.pitwall.simulator.fleet.Fleet;
import io.pitwall.simulator.fleet.FleetMix;
import io.pitwall.simulator.run.SimulatedVehicle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Real agents as full Uptane primaries against the real server (director repository per vehicle, image
 * repository), over HTTP on 127.0.0.1, on H2 and on PostgreSQL: a clean fleet completes its campaign, and a
 * vehicle whose signed director targets were altered in the database refuses its update with the specific code
 * while the rest of the fleet completes.
 */
class UptaneFleetEndToEndTests {

    private static final int VEHICLES = 20;
    private static final Duration LIMIT = Duration.ofSeconds(120);

    abstract static class Contract extends OwnServer {

        @Test
        void aFleetOfUptanePrimariesCompletesItsCampaign() {
            var run = run("uptane-clean", 21, vin -> {});
            assertThat(run.outcomes())
                    .allSatisfy((vin, state) -> assertThat(state).as(vin).isEqualTo(State.COMPLETED));
            assertThat(server.jdbc()
                            .sql("SELECT COUNT(*) FROM assignment WHERE campaign_id = ? AND status = 'SUCCEEDED'")
                            .param(run.campaign())
                            .query(Long.class)
                            .single())
                    .isEqualTo(run.outcomes().size());
        }

        @Test
        void aVehicleWhoseDirectorTargetsWereTamperedRefusesWhileTheOthersComplete() {
            String[] victim = new String[1];
            var run = run("uptane-tamper", 22, vin -> {
                victim[0] = vin;
                // One byte of the signed part (the VIN's last character), so the served bytes no longer match
                // what the director's snapshot signed for them.
                String body = server.jdbc()
                        .sql("SELECT targets_body FROM director_vehicle WHERE vin = ?")
                        .param(vin)
                        .query(String.class)
                        .single();
                String flipped = body.replace(
                        "\"vin\":\"" + vin + "\"",
                        "\"vin\":\"" + vin.substring(0, 16) + (vin.charAt(16) == 'X' ? 'Y' : 'X') + "\"");
                assertThat(flipped).hasSameSizeAs(body).isNotEqualTo(body);
                server.jdbc()
                        .sql("UPDATE director_vehicle SET targets_body = ? WHERE vin = ?")
                        .param(flipped)
                        .param(vin)
                        .update();
            });
            assertThat(run.outcomes().get(victim[0])).isEqualTo(State.FAILED);
            assertThat(run.outcomes()).allSatisfy((vin, state) -> {
                if (!vin.equals(victim[0])) {
                    assertThat(state).as(vin).isEqualTo(State.COMPLETED);
                }
            });
            List<String> failed = server.jdbc()
                    .sql("""
                    SELECT status, failure_category, failure_code FROM assignment WHERE campaign_id = ? AND vin = ?""")
                    .param(run.campaign())
                    .param(victim[0])
                    .query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                    .single();
            assertThat(failed).containsExactly("FAILED", "VERIFICATION", "HASH_MISMATCH");
        }

        private record Run(long campaign, Map<String, State> outcomes) {}

        /** Provisions a fleet, starts a campaign, lets {@code beforeFleet} see one vehicle, then runs the fleet. */
        private Run run(String tag, long seed, Consumer<String> beforeFleet) {
            server = server(dir.resolve("server")).start();
            ManagementClient admin = server.admin();
            Seeds seeds = new Seeds(seed);
            Fleet fleet = seeds.fleet(VEHICLES, FleetMix.standard().withTags(List.of("sim", tag)));
            Map<String, String> tokens = Provisioning.provision(admin, fleet);
            var knownGood = DemoRelease.publishKnownGood(admin, 2026, "Uptane known-good", "2025.4");
            var release = DemoRelease.publish(admin, 2026, "Uptane release", "2026.1");
            UptaneRoots roots = UptaneRoots.fetch(server.base(), tokens);
            long campaign = admin.createCampaign("Uptane " + tag, release.releaseId(), CampaignFilter.tagged(tag));
            CampaignSignOff.signOff(admin, campaign, knownGood.releaseId(), "approver-" + tag);
            admin.startCampaign(campaign);
            List<String> assigned = server.jdbc()
                    .sql("SELECT vin FROM assignment WHERE campaign_id = ? ORDER BY vin")
                    .param(campaign)
                    .query((rs, i) -> rs.getString(1).trim())
                    .list();
            assertThat(assigned).as("vehicles the release fits").hasSizeGreaterThan(VEHICLES / 2);
            String first = assigned.get(0);
            await().atMost(LIMIT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> server.jdbc()
                                    .sql(
                                            "SELECT COUNT(*) FROM director_vehicle WHERE vin = ? AND targets_body LIKE '%ecuIdentifiers%'")
                                    .param(first)
                                    .query(Long.class)
                                    .single()
                            == 1);
            beforeFleet.accept(first);
            Simulation simulation = Simulation.builder(server.base())
                    .fleet(fleet)
                    .credentials(tokens)
                    .trustedKeys(admin.imageKeys())
                    .uptane(roots)
                    .faults(FaultProfile.CLEAN)
                    .seeds(seeds)
                    .pacing(Pacing.fast())
                    .maxConcurrentTicks(8)
                    .build();
            try (simulation) {
                simulation.start();
                await().atMost(LIMIT)
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> simulation.vehicles().stream()
                                .filter(v -> assigned.contains(v.vin()))
                                .allMatch(v -> v.outcome().isPresent() && v.pendingEvents() == 0));
                await().atMost(LIMIT)
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> server.jdbc()
                                        .sql(
                                                "SELECT COUNT(*) FROM assignment WHERE campaign_id = ? AND status IN ('SUCCEEDED', 'FAILED')")
                                        .param(campaign)
                                        .query(Long.class)
                                        .single()
                                == assigned.size());
                return new Run(
                        campaign,
                        simulation.vehicles().stream()
                                .filter(v -> assigned.contains(v.vin()))
                                .collect(Collectors.toMap(
                                        SimulatedVehicle::vin, v -> v.outcome().orElseThrow())));
            }
        }
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
