package io.pitwall.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.agent.EcuKey;
import io.pitwall.client.ManagementClient;
import io.pitwall.server.support.LocalServer;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.simulator.Pacing;
import io.pitwall.simulator.Provisioning;
import io.pitwall.simulator.Seeds;
import io.pitwall.simulator.Simulation;
import io.pitwall.simulator.fault.FaultProfile;
import io.pitwall.simulator.fleet.Fleet;
import io.pitwall.simulator.fleet.FleetMix;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Simulated ECUs holding identity keys registered at provisioning sign version reports that the real server
 * accepts; the one ECU whose registered key is not the key it signs with is flagged as a forged report,
 * and its vehicle keeps checking in.
 */
class EcuReportFleetEndToEndTests {

    private static final int VEHICLES = 8;
    private static final Duration LIMIT = Duration.ofSeconds(120);

    abstract static class Contract extends OwnServer {

        @Test
        void signedReportsOfAProvisionedFleetAreAcceptedAndAMismatchedKeyIsFlaggedAsForged() {
            server = server(dir.resolve("server")).start();
            ManagementClient admin = server.admin();
            Seeds seeds = new Seeds(36);
            Fleet fleet = seeds.fleet(VEHICLES, FleetMix.standard().withTags(List.of("sim", "ecu-keys")));
            Map<String, String> tokens = Provisioning.provision(admin, fleet);
            Map<String, EcuKey> keys = Provisioning.registerEcuKeys(admin, fleet);
            var victim = fleet.vehicles().get(0);
            String forgedSerial = victim.ecus().get(0).serial();
            admin.registerEcuKeys(List.of(new ManagementClient.EcuKeyRegistration(
                    victim.vin(), forgedSerial, EcuKey.generate().publicKey())));
            Simulation simulation = Simulation.builder(server.base())
                    .fleet(fleet)
                    .credentials(tokens)
                    .trustedKeys(admin.imageKeys())
                    .ecuKeys(keys)
                    .faults(FaultProfile.CLEAN)
                    .seeds(seeds)
                    .pacing(Pacing.fast())
                    .maxConcurrentTicks(4)
                    .build();
            try (simulation) {
                simulation.start();
                await().atMost(LIMIT)
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> server.jdbc()
                                        .sql("SELECT COUNT(*) FROM ecu_key WHERE last_counter IS NOT NULL")
                                        .query(Long.class)
                                        .single()
                                == keys.size() - 1);
                await().atMost(LIMIT)
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> server.jdbc()
                                        .sql("SELECT COUNT(*) FROM attack_indicator")
                                        .query(Long.class)
                                        .single()
                                > 0);
            }
            List<List<String>> indicators = server.jdbc()
                    .sql("SELECT vin, ecu_serial, kind FROM attack_indicator")
                    .query((rs, i) -> List.of(rs.getString(1).trim(), rs.getString(2), rs.getString(3)))
                    .list();
            assertThat(indicators).containsExactly(List.of(victim.vin(), forgedSerial, "FORGED_REPORT"));
            assertThat(server.jdbc()
                            .sql("SELECT last_counter FROM ecu_key WHERE serial = ?")
                            .param(forgedSerial)
                            .query(Long.class)
                            .optional())
                    .isEmpty();
            assertThat(server.jdbc()
                            .sql("SELECT COUNT(*) FROM vehicle_report WHERE vin = ?")
                            .param(victim.vin())
                            .query(Long.class)
                            .single())
                    .as("the victim's check-ins still land")
                    .isEqualTo(1);
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
