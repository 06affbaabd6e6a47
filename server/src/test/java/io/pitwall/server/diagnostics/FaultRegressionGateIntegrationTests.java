package io.pitwall.server.diagnostics;

import static io.pitwall.server.support.CampaignSteps.wave;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.campaign.rollout.WaveReconciler;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import tools.jackson.databind.JsonNode;

/**
 * The regression gate on a real campaign: the pilot wave's vehicles are updated over the device API, then
 * their updates are back-dated six days and seeded fault streams (Poisson, seeded, written straight into
 * dtc_report / fault_observation rather than simulated vehicle by vehicle, to stay fast) cover those days.
 * Pilot: 5 vehicles (30 vehicle-days), not yet updated: 15 (90 vehicle-days); background 0.3 faults per
 * vehicle-day.
 */
class FaultRegressionGateIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();
    static final double BACKGROUND_PER_DAY = 0.3;
    static final double BAD_IMAGE_PER_DAY = 1.5;
    static final int SEEDS = 20;
    static final int DAYS = 6;

    abstract static class Contract extends IntegrationTest {

        @Autowired
        WaveReconciler reconciler;

        @Autowired
        FaultRegressions regressions;

        TestFleet fleet;
        String hardwareId;
        String model;
        ApiClient manager;
        List<String> pilot;
        List<String> rest;
        long campaignId;
        long seq;

        @BeforeEach
        void startedCampaign() {
            fleet = new TestFleet(jdbc, admin);
            hardwareId =
                    "REGR-HW-" + HARDWARE.incrementAndGet() + "-" + getClass().getSimpleName();
            model = "Regr-" + hardwareId;
            manager = operatorWith(Role.RELEASE_MANAGER);
            pilot = vehicles(5, "pilot");
            rest = vehicles(15, null);
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            var created = manager.post(
                    "/api/v1/campaigns",
                    Map.of(
                            "name",
                            "Regression " + hardwareId,
                            "releaseId",
                            release.releaseId(),
                            "filter",
                            "model==\"" + model + "\""));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            campaignId = created.json().get("id").asLong();
            var plan = manager.put(
                    path("/waves"),
                    Map.of(
                            "waves",
                            List.of(
                                    wave("pilot", "TAG", "pilot", Map.of("minExecuted", 5)),
                                    wave("rest", "REST", null, Map.of("minExecuted", 1))),
                            "abortCriteria",
                            List.of()));
            assertThat(plan.status()).as(plan.body()).isEqualTo(200);
            campaignSteps().approvedCampaign(manager, campaignId, release.knownGoodReleaseId());
            assertThat(operatorWith(Role.FLEET_OPERATOR)
                            .post(path("/start"), "")
                            .status())
                    .isEqualTo(200);
            installed(pilot);
        }

        @Test
        void aBadImagesFaultRatePausesTheCampaignAndOpensACampaignRelatedCase() {
            backdatePilotUpdates(Duration.ofDays(DAYS));
            Random random = new Random(42);
            seedFaults(random, pilot, BAD_IMAGE_PER_DAY);
            seedFaults(random, rest, BACKGROUND_PER_DAY);
            long casesBefore = count("service_case");

            assertThat(reconciler.tick("test-node")).isPositive();

            assertThat(status()).isEqualTo("PAUSED");
            JsonNode wave = manager.get(path("/waves")).json().get("waves").get(0);
            assertThat(wave.get("status").asString()).isEqualTo("FAILED");
            JsonNode check = regressionCheck(wave);
            assertThat(check.get("passed").asBoolean()).isFalse();
            assertThat(check.get("actual").asDouble()).as("ratio lower bound").isGreaterThan(1.5);
            assertThat(check.get("detail").asString())
                    .contains("fault rate ratio")
                    .contains("on 5 updated vehicles")
                    .contains("on 15 not yet updated");
            assertThat(count("service_case")).isEqualTo(casesBefore + 1);
            var caseRow = jdbc.sql("""
                    SELECT vin, origin, case_class, team, campaign_id, next_action FROM service_case
                    WHERE subject = ?""")
                    .params("regression:" + campaignId + "/0")
                    .query()
                    .singleRow();
            assertThat(caseRow.get("origin")).isEqualTo("FAULT_REGRESSION");
            assertThat(caseRow.get("case_class")).isEqualTo("campaign-related");
            assertThat(((Number) caseRow.get("campaign_id")).longValue()).isEqualTo(campaignId);
            assertThat(pilot).contains(((String) caseRow.get("vin")).trim());
            assertThat((String) caseRow.get("next_action")).contains("fault rate ratio");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment WHERE campaign_id = ? AND wave_no = 1")
                            .params(campaignId)
                            .query(Long.class)
                            .single())
                    .as("the next wave is not touched")
                    .isZero();
            assertThat(jdbc.sql("""
                    SELECT COUNT(*) FROM case_note n JOIN service_case c ON c.id = n.case_id
                    WHERE c.subject = ? AND n.kind = 'OPENED'""")
                            .params("regression:" + campaignId + "/0")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }

        @Test
        void theBackgroundRateAloneDoesNotFailTheGateAcrossTwentySeeds() {
            backdatePilotUpdates(Duration.ofDays(DAYS));
            int falsePositives = 0;
            List<String> ratios = new ArrayList<>();
            for (int seed = 1; seed <= SEEDS; seed++) {
                clearFaults();
                Random random = new Random(seed);
                seedFaults(random, pilot, BACKGROUND_PER_DAY);
                seedFaults(random, rest, BACKGROUND_PER_DAY);
                FaultRegression r = regressions.judge(campaignId, 0);
                assertThat(r.sufficient()).as(r.summary()).isTrue();
                falsePositives += r.regressed() ? 1 : 0;
                ratios.add(String.format(
                        java.util.Locale.ROOT, "%.2f", r.comparison().ratio()));
            }
            assertThat(falsePositives)
                    .as("false positives over %d seeds: %d (ratios %s)", SEEDS, falsePositives, ratios)
                    .isLessThanOrEqualTo(1);
            // The last seed's background goes through the real gate too.
            boolean lastRegressed = regressions.judge(campaignId, 0).regressed();
            assertThat(reconciler.tick("test-node")).isPositive();
            assertThat(manager.get(path("/waves"))
                            .json()
                            .get("waves")
                            .get(0)
                            .get("status")
                            .asString())
                    .isEqualTo(lastRegressed ? "FAILED" : "PASSED");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM service_case WHERE subject = ?")
                            .params("regression:" + campaignId + "/0")
                            .query(Long.class)
                            .single())
                    .isEqualTo(lastRegressed ? 1L : 0L);
        }

        @Test
        void tooLittleExposurePassesWithTheInsufficientDataFlag() {
            Random random = new Random(7);
            seedFaults(random, rest, BAD_IMAGE_PER_DAY);

            assertThat(reconciler.tick("test-node")).isPositive();

            JsonNode wave = manager.get(path("/waves")).json().get("waves").get(0);
            assertThat(wave.get("status").asString()).isEqualTo("PASSED");
            JsonNode check = regressionCheck(wave);
            assertThat(check.get("passed").asBoolean()).isTrue();
            assertThat(check.get("detail").asString())
                    .startsWith("insufficient data")
                    .contains("not judged");
            assertThat(status()).isEqualTo("RUNNING");
        }

        JsonNode regressionCheck(JsonNode wave) {
            for (JsonNode check : wave.get("verdict").get("checks")) {
                if (check.get("name").asString().equals(FaultRegression.CHECK)) {
                    return check;
                }
            }
            throw new AssertionError("no " + FaultRegression.CHECK + " check in " + wave);
        }

        List<String> vehicles(int n, String tag) {
            return fleet.vehicles(n, model, hardwareId, tag);
        }

        String path(String rest) {
            return "/api/v1/campaigns/" + campaignId + rest;
        }

        String status() {
            return manager.get(path("")).json().get("campaign").get("status").asString();
        }

        /** Each vehicle checks in and reports its update installed, over the device API. */
        void installed(List<String> vins) {
            String[] types = {
                "DOWNLOAD_STARTED", "DOWNLOAD_COMPLETED", "INSTALL_STARTED", "INSTALL_COMPLETED", "POST_UPDATE_HEALTH"
            };
            for (String vin : vins) {
                ApiClient vehicle = fleet.credentialFor(vin);
                var checkin = vehicle.post(
                        "/device/v1/vehicles/" + vin + "/checkin",
                        Map.of("connectivity", "WIFI", "ownerConsent", true, "ecus", List.of()));
                String assignment =
                        checkin.json().get("assignment").get("assignmentId").asString();
                List<Object> events = new ArrayList<>();
                for (int s = 0; s < types.length; s++) {
                    events.add(new HashMap<String, Object>(Map.of(
                            "seq",
                            s + 1,
                            "type",
                            types[s],
                            "occurredAt",
                            Instant.now().toString(),
                            "assignmentId",
                            assignment)));
                }
                var answer = vehicle.post("/device/v1/vehicles/" + vin + "/events", Map.of("events", events));
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            }
        }

        void backdatePilotUpdates(Duration ago) {
            int moved = jdbc.sql("UPDATE assignment SET updated_at = ? WHERE campaign_id = ? AND status = 'SUCCEEDED'")
                    .params(OffsetDateTime.now(ZoneOffset.UTC).minus(ago), campaignId)
                    .update();
            assertThat(moved).isEqualTo(pilot.size());
        }

        /** Poisson fault counts per vehicle over the last DAYS days, one report per fault, at random times. */
        void seedFaults(Random random, List<String> vins, double perDay) {
            Instant now = Instant.now();
            long span = Duration.ofDays(DAYS).toMillis() - 60_000;
            for (String vin : vins) {
                int n = poisson(random, perDay * DAYS);
                for (int i = 0; i < n; i++) {
                    var at = now.minusMillis(60_000 + (long) (random.nextDouble() * span))
                            .atOffset(ZoneOffset.UTC);
                    var keys = new GeneratedKeyHolder();
                    jdbc.sql("""
                            INSERT INTO dtc_report (vin, seq, ecu_serial, ecu_type, firmware_version, source_format,
                                decoded, occurred_at, received_at, quality) VALUES (:vin, :seq, :ecu, 'BMS', '2.0.0',
                                'J2012', TRUE, :at, :at, '')""")
                            .param("vin", vin)
                            .param("seq", ++seq)
                            .param("ecu", hardwareId + "-" + vin)
                            .param("at", at)
                            .update(keys, "id");
                    jdbc.sql("""
                            INSERT INTO fault_observation (report_id, position, code, display_code, dtc_hex)
                            VALUES (?, 0, 'P0A80', 'P0A80', '0A80')""").params(keys.getKey().longValue()).update();
                }
            }
        }

        void clearFaults() {
            jdbc.sql("DELETE FROM fault_observation").update();
            jdbc.sql("DELETE FROM dtc_report").update();
        }

        static int poisson(Random random, double mean) {
            double limit = Math.exp(-mean);
            double product = random.nextDouble();
            int k = 0;
            while (product > limit) {
                product *= random.nextDouble();
                k++;
            }
            return k;
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
