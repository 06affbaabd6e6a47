package io.pitwall.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.CampaignSteps;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The dry run sizes a wave plan over the eligible vehicles, the way the start would split them. */
class DryRunWavePlanIntegrationTests {

    private static final AtomicLong FLEETS = new AtomicLong();

    abstract static class Contract extends IntegrationTest {

        TestFleet fleet;
        String hardwareId;
        String model;
        ApiClient manager;
        TestFleet.PublishedRelease release;

        @BeforeEach
        void fleet() {
            fleet = new TestFleet(jdbc, admin);
            hardwareId = "PLAN-" + FLEETS.incrementAndGet() + "-" + getClass().getSimpleName();
            model = "Plan-" + hardwareId;
            manager = operatorWith(Role.RELEASE_MANAGER);
        }

        /** Published once the fleet has this hardware (the validation gate wants a known hardware id). */
        TestFleet.PublishedRelease release() {
            if (release == null) {
                release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            }
            return release;
        }

        List<String> vehicles(int n, String region, String tag, boolean consent) {
            List<String> vins = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String vin = fleet.vehicle(model, region, "1.0.0", hardwareId);
                jdbc.sql("""
                        INSERT INTO vehicle_report (vin, signals_json, connectivity, consent, state_hash, reported_at,
                            last_seen_at) VALUES (:vin, '{}', 'WIFI', :consent, :hash, :now, :now)""")
                        .param("vin", vin)
                        .param("consent", consent)
                        .param("hash", "0".repeat(64))
                        .param("now", OffsetDateTime.now())
                        .update();
                if (tag != null) {
                    jdbc.sql("INSERT INTO vehicle_tag (vin, tag) VALUES (?, ?)")
                            .params(vin, tag)
                            .update();
                }
                vins.add(vin);
            }
            return vins;
        }

        static Map<String, Object> wave(String name, String kind, String selector) {
            Map<String, Object> wave = new LinkedHashMap<>();
            wave.put("name", name);
            wave.put("kind", kind);
            if (selector != null) {
                wave.put("selector", selector);
            }
            wave.put("gate", Map.of("minExecuted", 1));
            return wave;
        }

        ApiClient.Response dryRun(List<Map<String, Object>> waves) {
            return manager.post(
                    "/api/v1/campaigns/dry-run",
                    Map.of("releaseId", release().releaseId(), "filter", "model==\"" + model + "\"", "waves", waves));
        }

        static List<Long> sizes(JsonNode run) {
            List<Long> sizes = new ArrayList<>();
            run.get("waves").forEach(w -> sizes.add(w.get("size").asLong()));
            return sizes;
        }

        /** Pilot 2 tagged, a UK cohort of 3, half of the 5 left (3, rounded up), the rest 2; one no-consent. */
        List<Map<String, Object>> fourWaves() {
            vehicles(2, "EU", "pilot", true);
            vehicles(1, "EU", "pilot", false);
            vehicles(3, "UK", null, true);
            vehicles(5, "EU", null, true);
            return List.of(
                    wave("pilot", "TAG", "pilot"),
                    wave("UK cohort", "FILTER", "region==UK"),
                    wave("half", "PERCENT", "50"),
                    wave("rest", "REST", null));
        }

        @Test
        void eachWaveIsSizedOverTheEligibleVehiclesLeftByTheWavesBeforeIt() {
            var run = dryRun(fourWaves());
            assertThat(run.status()).as(run.body()).isEqualTo(200);
            assertThat(run.json().get("eligible").asLong()).isEqualTo(10);
            assertThat(run.json().get("ineligible").get("no-consent").asLong()).isEqualTo(1);
            assertThat(sizes(run.json())).containsExactly(2L, 3L, 3L, 2L);
            assertThat(run.json().get("waves").get(2).get("kind").asString()).isEqualTo("PERCENT");
            assertThat(run.json().get("unplanned").asLong()).isZero();
        }

        @Test
        void aPlanWithoutARestWaveLeavesVehiclesUnplanned() {
            vehicles(4, "EU", null, true);
            vehicles(3, "UK", null, true);
            var run = dryRun(List.of(wave("UK", "FILTER", "region==UK"), wave("quarter", "PERCENT", "25")));
            assertThat(run.status()).as(run.body()).isEqualTo(200);
            assertThat(sizes(run.json())).containsExactly(3L, 1L);
            assertThat(run.json().get("unplanned").asLong()).isEqualTo(3);
        }

        @Test
        void aStoredPlanIsSizedLikeTheStartAssignsItsFirstWave() {
            vehicles(7, "EU", null, true);
            long id = CampaignSteps.created(
                    manager, "Planned " + hardwareId, release().releaseId(), model, null);
            CampaignSteps.planned(
                    manager, id, List.of(wave("first", "PERCENT", "30"), wave("rest", "REST", null)), null);

            var draft = manager.get("/api/v1/campaigns/" + id + "/dry-run");
            assertThat(draft.status()).as(draft.body()).isEqualTo(200);
            assertThat(sizes(draft.json())).containsExactly(3L, 4L);

            campaignSteps().approvedCampaign(manager, id, release().knownGoodReleaseId());
            var start = operatorWith(Role.FLEET_OPERATOR).post("/api/v1/campaigns/" + id + "/start", "");
            assertThat(start.status()).as(start.body()).isEqualTo(200);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment WHERE campaign_id = ? AND wave_no = 0")
                            .params(id)
                            .query(Long.class)
                            .single())
                    .isEqualTo(3);
        }

        @Test
        void aBadWaveIsRefusedAndNothingIsWritten() {
            vehicles(2, "EU", null, true);
            long campaigns = count("campaign");
            long waves = count("campaign_wave");
            var badFilter = dryRun(List.of(wave("bad", "FILTER", "region=oops=UK")));
            assertThat(badFilter.status()).as(badFilter.body()).isEqualTo(400);
            assertThat(badFilter.json().get("code").asString()).isEqualTo("invalid-target-filter");
            var longFilter = dryRun(List.of(wave("long", "FILTER", "region==" + "E".repeat(4_000))));
            assertThat(longFilter.status()).as(longFilter.body()).isEqualTo(400);
            assertThat(longFilter.json().get("code").asString()).isEqualTo("invalid-target-filter");
            var badPercent = dryRun(List.of(wave("zero", "PERCENT", "0")));
            assertThat(badPercent.status()).as(badPercent.body()).isEqualTo(422);
            assertThat(badPercent.json().get("code").asString()).isEqualTo("invalid-wave-plan");
            assertThat(count("campaign")).isEqualTo(campaigns);
            assertThat(count("campaign_wave")).isEqualTo(waves);
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
