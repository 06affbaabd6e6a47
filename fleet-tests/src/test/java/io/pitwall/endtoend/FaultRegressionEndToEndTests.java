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
import io.pitwall.simulator.fault.DtcStreams;
import io.pitwall.simulator.fault.FaultProfile;
import io.pitwall.simulator.fleet.Fleet;
import io.pitwall.simulator.fleet.FleetMix;
import io.pitwall.testsupport.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The regression gate over real HTTP with a simulated fleet whose new battery-management images raise the BMS
 * fault rate: the pilot wave installs them, fleet time moves on in 6-hour steps (server and vehicles share a
 * {@link MovableClock}; the pilot's soak is 5 days), every vehicle reports its DTCs through the agent in the
 * three raw formats, and the gate's {@code fault-regression} check pauses the campaign and opens one
 * campaign-related case before the next wave gets anything. The gate itself runs unchanged (7-day window,
 * alpha 0.01, ratio bound 1.5, 20 vehicle-days per group).
 */
class FaultRegressionEndToEndTests {

    private static final int VEHICLES = 40;
    private static final Duration STEP = Duration.ofHours(6);
    private static final Duration LIMIT = Duration.ofSeconds(60);
    /** Background rates per ECU type; both BMS images of the release add 4 faults a day. */
    private static final DtcStreams DTCS = new DtcStreams(
            Map.of("BMS", 0.2, "TELEMATICS", 0.3, "INFOTAINMENT", 0.2, "ADAS", 0.1, "GATEWAY", 0.05),
            0.1,
            3,
            0.2,
            List.of(
                    new DtcStreams.BadImage("BMS-HW-7", "3.3.0", 4, "P0A80-1B"),
                    new DtcStreams.BadImage("BMS-HW-8", "4.1.0", 4, "P0A80-1B")));

    abstract static class Contract extends OwnServer {

        private long settledReports;

        @Test
        void aBadImagesFaultRatePausesThePilotAndOpensACampaignRelatedCase() {
            MovableClock clock = MovableClock.shiftedSystem();
            server = server(dir.resolve("server"))
                    .withClock(clock)
                    .with("--pitwall.campaign.reconcile-interval=1s")
                    .start();
            ManagementClient admin = server.admin();
            Seeds seeds = new Seeds(61);
            Fleet fleet = seeds.fleet(VEHICLES, FleetMix.standard().withTags(List.of("sim", "regression")));
            Map<String, String> tokens = Provisioning.provision(admin, fleet);
            var knownGood = DemoRelease.publishKnownGood(admin, 61, "Regression known-good", "2025.4");
            var release = DemoRelease.publish(admin, 61, "Regression release", "2026.1");
            long campaign =
                    admin.createCampaign("Regression", release.releaseId(), CampaignFilter.tagged("regression"));
            admin.planWaves(
                    campaign,
                    Map.of(
                            "waves",
                            List.of(
                                    Map.of(
                                            "name",
                                            "pilot",
                                            "kind",
                                            "PERCENT",
                                            "selector",
                                            "25",
                                            "soakMinutes",
                                            5 * 24 * 60,
                                            "gate",
                                            Map.of("minExecuted", 5)),
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
            CampaignSignOff.signOff(admin, campaign, knownGood.releaseId(), "regression-approver");
            admin.startCampaign(campaign);
            long pilot = assignments(campaign, 0, null);
            assertThat(pilot).isEqualTo(VEHICLES / 4);

            Simulation simulation = Simulation.builder(server.base())
                    .fleet(fleet)
                    .credentials(tokens)
                    .trustedKeys(admin.imageKeys())
                    .faults(FaultProfile.CLEAN.withDtcs(DTCS))
                    .seeds(seeds)
                    .pacing(Pacing.fast())
                    .clock(clock)
                    .maxConcurrentTicks(8)
                    .build();
            try (simulation) {
                simulation.start();
                await().atMost(LIMIT)
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> assignments(campaign, 0, "SUCCEEDED") == pilot);
                int steps = 0;
                // 16 steps are 4 days: the gate fails once both groups have 20 vehicle-days (2 days for the
                // pilot's 10 vehicles), and cannot pass before the 5-day soak ends.
                while (paused(campaign) == null && steps < 16) {
                    clock.advance(STEP);
                    steps++;
                    long hour = Math.floorDiv(clock.millis(), 3_600_000L) * 3_600_000L;
                    await().atMost(LIMIT)
                            .pollInterval(Duration.ofMillis(100))
                            .until(() -> simulation.vehicles().stream()
                                    .allMatch(v -> v.dtcs().reportedThrough() >= hour && v.pendingEvents() == 0));
                    settledReports = sentReports(simulation);
                }
                await().atMost(Duration.ofSeconds(15))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> paused(campaign) != null);
                System.out.printf(
                        "Regression end-to-end: %d steps of %s, %d DTC reports; %s%n",
                        steps, STEP, count("SELECT COUNT(*) FROM dtc_report"), paused(campaign));
                assertThat(steps)
                        .as("not judged before 2 days of pilot exposure")
                        .isGreaterThanOrEqualTo(8);
            }
            assertThat(admin.campaign(campaign).status()).isEqualTo("PAUSED");
            assertThat(admin.waves(campaign)).containsExactly("pilot FAILED (" + pilot + ")", "rest PLANNED (0)");
            assertThat(assignments(campaign, 1, null))
                    .as("the next wave gets nothing")
                    .isZero();
            String decision =
                    server.jdbc().sql("""
                    SELECT detail_json FROM campaign_decision WHERE campaign_id = ? AND kind = 'WAVE_GATE_FAILED'""").param(campaign).query(String.class).single();
            assertThat(decision).contains("fault-regression").contains("fault rate ratio");
            var caseRow = server.jdbc().sql("""
                    SELECT vin, origin, case_class, team FROM service_case WHERE campaign_id = ?""").param(campaign).query().singleRow();
            assertThat(caseRow.get("origin")).isEqualTo("FAULT_REGRESSION");
            assertThat(caseRow.get("case_class")).isEqualTo("campaign-related");
            List<String> pilotVins = server.jdbc()
                    .sql("SELECT vin FROM assignment WHERE campaign_id = ? AND wave_no = 0")
                    .param(campaign)
                    .query((rs, i) -> rs.getString(1).trim())
                    .list();
            assertThat(pilotVins).contains(((String) caseRow.get("vin")).trim());
            assertThat(server.jdbc()
                            .sql("SELECT DISTINCT source_format FROM dtc_report WHERE decoded = TRUE")
                            .query(String.class)
                            .list())
                    .as("the three raw formats arrived and were decoded")
                    .containsExactlyInAnyOrder("UDS", "J2012", "OEM_JSON");
            assertThat(count("SELECT COUNT(*) FROM dtc_report WHERE decoded = FALSE"))
                    .isZero();
            assertThat(count("SELECT COUNT(*) FROM dtc_report"))
                    .as("every DTC report the ECUs sent is stored once")
                    .isBetween(settledReports, sentReports(simulation))
                    .isPositive();
        }

        private static long sentReports(Simulation simulation) {
            return simulation.vehicles().stream()
                    .mapToLong(v -> v.dtcs().faultReports() + v.dtcs().clears())
                    .sum();
        }

        /** The pause decision's detail, or null while the campaign was not paused. */
        private String paused(long campaign) {
            return server.jdbc()
                    .sql("SELECT detail_json FROM campaign_decision WHERE campaign_id = ? AND kind = "
                            + "'WAVE_GATE_FAILED'")
                    .param(campaign)
                    .query(String.class)
                    .optional()
                    .orElse(null);
        }

        private long assignments(long campaign, int wave, String status) {
            return server.jdbc()
                    .sql("SELECT COUNT(*) FROM assignment WHERE campaign_id = ? AND wave_no = ?"
                            + (status == null ? "" : " AND status = '" + status + "'"))
                    .param(campaign)
                    .param(wave)
                    .query(Long.class)
                    .single();
        }

        private long count(String sql) {
            return server.jdbc().sql(sql).query(Long.class).single();
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
