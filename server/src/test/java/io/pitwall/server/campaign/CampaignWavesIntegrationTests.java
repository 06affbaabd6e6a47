package io.pitwall.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.campaign.rollout.WaveReconciler;
import io.pitwall.server.shared.Leases;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.CampaignSteps;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Phased campaigns: waves assigned one after the other as their gates pass, driven tick by tick. */
class CampaignWavesIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();

    abstract static class Contract extends IntegrationTest {

        @Autowired
        WaveReconciler reconciler;

        @Autowired
        Leases leases;

        TestFleet fleet;
        String hardwareId;
        String model;
        ApiClient manager;
        String node;

        @BeforeEach
        void fleet() {
            fleet = new TestFleet(jdbc, admin);
            hardwareId =
                    "WAVE-HW-" + HARDWARE.incrementAndGet() + "-" + getClass().getSimpleName();
            model = "Waves-" + hardwareId;
            manager = operatorWith(Role.RELEASE_MANAGER);
            node = "test-node";
        }

        List<String> vehicles(int n, String tag, String variant) {
            List<String> vins = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String vin = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
                if (tag != null) {
                    jdbc.sql("INSERT INTO vehicle_tag (vin, tag) VALUES (?, ?)")
                            .params(vin, tag)
                            .update();
                }
                jdbc.sql("UPDATE ecu SET hardware_variant = ? WHERE vin = ?")
                        .params(variant, vin)
                        .update();
                vins.add(vin);
            }
            return vins;
        }

        static Map<String, Object> wave(
                String name, String kind, String selector, Map<String, Object> gate, boolean approval) {
            Map<String, Object> wave = new LinkedHashMap<>();
            wave.put("name", name);
            wave.put("kind", kind);
            if (selector != null) {
                wave.put("selector", selector);
            }
            wave.put("soakMinutes", 0);
            wave.put("gate", gate);
            wave.put("needsApproval", approval);
            return wave;
        }

        /** A draft with the plan, approved and started; returns its id. */
        long started(List<Map<String, Object>> waves, List<Map<String, Object>> abort) {
            return started(manager, waves, abort);
        }

        long started(ApiClient creator, List<Map<String, Object>> waves, List<Map<String, Object>> abort) {
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            long id = CampaignSteps.created(creator, "Phased " + hardwareId, release.releaseId(), model, null);
            CampaignSteps.planned(creator, id, waves, abort);
            campaignSteps().approvedAndStarted(creator, id, release.knownGoodReleaseId());
            return id;
        }

        static String path(long id, String rest) {
            return "/api/v1/campaigns/" + id + rest;
        }

        JsonNode waves(long id) {
            return manager.get(path(id, "/waves")).json().get("waves");
        }

        String status(long id) {
            return manager.get(path(id, ""))
                    .json()
                    .get("campaign")
                    .get("status")
                    .asString();
        }

        long assignments(long id, int wave) {
            return jdbc.sql("SELECT COUNT(*) FROM assignment WHERE campaign_id = ? AND wave_no = ?")
                    .params(id, wave)
                    .query(Long.class)
                    .single();
        }

        List<String> decisionKinds(long id) {
            List<String> kinds = new ArrayList<>();
            manager.get(path(id, "/decisions"))
                    .json()
                    .forEach(d -> kinds.add(d.get("kind").asString()));
            return kinds;
        }

        @Test
        void aGoodReleasePassesEveryWaveAndCompletes() {
            var pilot = vehicles(2, "pilot", "rev-A");
            var rest = vehicles(3, null, "rev-A");
            long id = started(
                    List.of(
                            wave("pilot", "TAG", "pilot", Map.of("minExecuted", 2, "maxFailureRate", 0.0), false),
                            wave(
                                    "everyone else",
                                    "REST",
                                    null,
                                    Map.of("minExecuted", 3, "minSuccessRate", 1.0, "minTelemetryCompleteness", 1.0),
                                    false)),
                    List.of());
            assertThat(assignments(id, 0)).isEqualTo(2);
            assertThat(assignments(id, 1)).isZero();
            assertThat(reconciler.tick(node)).as("too little evidence yet").isZero();

            fleet.finish(pilot, null);
            assertThat(status(id)).as("more waves to go").isEqualTo("RUNNING");
            assertThat(reconciler.tick(node)).isEqualTo(1);
            assertThat(waves(id).get(0).get("status").asString()).isEqualTo("PASSED");
            reconciler.tick(node);
            assertThat(assignments(id, 1)).isEqualTo(3);
            assertThat(reconciler.tick(node)).isZero();

            fleet.finish(rest, null);
            reconciler.tick(node);
            reconciler.tick(node);
            assertThat(status(id)).isEqualTo("COMPLETED");
            assertThat(decisionKinds(id))
                    .containsSubsequence(
                            "START",
                            "WAVE_STARTED",
                            "WAVE_GATE_PASSED",
                            "WAVE_STARTED",
                            "WAVE_GATE_PASSED",
                            "COMPLETE");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment WHERE campaign_id = ?")
                            .params(id)
                            .query(Long.class)
                            .single())
                    .isEqualTo(5);
        }

        @Test
        void aBadReleasePausesAtThePilotWithEvidenceNamingTheFailingVariant() {
            var good = vehicles(3, "pilot", "rev-A");
            var bad = vehicles(2, "pilot", "rev-B");
            vehicles(4, null, "rev-A");
            long id = started(
                    List.of(
                            wave("pilot", "TAG", "pilot", Map.of("minExecuted", 5, "maxFailureRate", 0.2), false),
                            wave("rest", "REST", null, Map.of("minExecuted", 1), false)),
                    List.of());
            fleet.finish(good, null);
            fleet.finish(bad, "INSTALL_WRITE_ERROR");

            assertThat(reconciler.tick(node)).isEqualTo(1);
            assertThat(status(id)).isEqualTo("PAUSED");
            JsonNode pilot = waves(id).get(0);
            assertThat(pilot.get("status").asString()).isEqualTo("FAILED");
            JsonNode byHardware = pilot.get("verdict").get("failingByHardware");
            assertThat(byHardware.get(hardwareId + " rev-B").asLong()).isEqualTo(2);
            assertThat(byHardware.has(hardwareId + " rev-A")).isFalse();
            assertThat(pilot.get("verdict").get("failing")).hasSize(2);
            assertThat(assignments(id, 1)).as("the next wave is not touched").isZero();
            assertThat(decisionKinds(id)).endsWith("WAVE_GATE_FAILED", "PAUSE");
            JsonNode pause = manager.get(path(id, "/decisions")).json();
            assertThat(pause.get(pause.size() - 1).get("detail").get("reason").asString())
                    .contains("failure rate 40.0 %");
            assertThat(reconciler.tick(node))
                    .as("a paused campaign is not driven")
                    .isZero();
        }

        @Test
        void aWaveWaitsForItsExpansionApprovalFromSomeoneElse() {
            var pilot = vehicles(1, "pilot", "rev-A");
            vehicles(2, null, "rev-A");
            long id = started(
                    admin,
                    List.of(
                            wave("pilot", "VINS", pilot.get(0), Map.of("minExecuted", 1), true),
                            wave("rest", "PERCENT", "50", Map.of("minExecuted", 1), false)),
                    List.of());
            fleet.finish(pilot, null);
            reconciler.tick(node);
            assertThat(waves(id).get(0).get("status").asString()).isEqualTo("AWAITING_APPROVAL");
            assertThat(reconciler.tick(node)).isZero();
            assertThat(assignments(id, 1)).isZero();

            var refused = admin.post(path(id, "/waves/0/approval"), Map.of("comment", "mine"));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("self-approval");
            var approver = operatorWith(Role.APPROVER);
            var approved = approver.post(path(id, "/waves/0/approval"), Map.of("comment", "pilot looks healthy"));
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            assertThat(approved.json().get("status").asString()).isEqualTo("PASSED");
            assertThat(approver.post(path(id, "/waves/0/approval"), Map.of()).code())
                    .isEqualTo("wave-not-awaiting-approval");

            reconciler.tick(node);
            assertThat(assignments(id, 1))
                    .as("50 % of the two left, rounded up")
                    .isEqualTo(1);
            assertThat(decisionKinds(id)).contains("WAVE_EXPANSION_APPROVED");
        }

        @Test
        void anAbortCriterionPausesTheCampaignWithItsReason() {
            var all = vehicles(4, null, "rev-A");
            long id = started(
                    List.of(wave("all", "REST", null, Map.of("minExecuted", 100), false)),
                    List.of(Map.of("failureType", "ALL", "thresholdPercent", 25.0, "minExecuted", 4)));
            fleet.finish(all.subList(0, 3), null);
            assertThat(reconciler.tick(node)).isZero();
            fleet.finish(all.subList(3, 4), "INSTALL_WRITE_ERROR");
            assertThat(reconciler.tick(node)).isEqualTo(1);
            assertThat(status(id)).isEqualTo("PAUSED");
            JsonNode log = manager.get(path(id, "/decisions")).json();
            assertThat(log.get(log.size() - 1).get("detail").get("reason").asString())
                    .contains("ALL failures 25.0 % of 4 executed vehicles");
        }

        @Test
        void onlyTheLeaseHolderDrivesAndAStepIsNeverTakenTwice() {
            var pilot = vehicles(1, "pilot", "rev-A");
            vehicles(2, null, "rev-A");
            long id = started(
                    List.of(
                            wave("pilot", "TAG", "pilot", Map.of("minExecuted", 1), false),
                            wave("rest", "REST", null, Map.of("minExecuted", 2), false)),
                    List.of());
            fleet.finish(pilot, null);
            assertThat(reconciler.tick(node)).isEqualTo(1);
            assertThat(reconciler.tick("other-node")).as("the lease is held").isEqualTo(-1);
            reconciler.tick(node);
            reconciler.tick(node);
            assertThat(assignments(id, 1)).isEqualTo(2);
            assertThat(decisionKinds(id).stream().filter("WAVE_STARTED"::equals))
                    .hasSize(2);
            var held = leases.acquire(WaveReconciler.LEASE, node, java.time.Duration.ofSeconds(30))
                    .orElseThrow();
            leases.release(held);
            assertThat(reconciler.tick("other-node"))
                    .as("a released lease is taken over")
                    .isGreaterThanOrEqualTo(0);
            assertThat(assignments(id, 1)).isEqualTo(2);
            leases.release(leases.acquire(WaveReconciler.LEASE, "other-node", java.time.Duration.ofSeconds(30))
                    .orElseThrow());
        }

        @Test
        void badPlansAreRefusedAndNothingIsWritten() {
            vehicles(1, null, "rev-A");
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            long id = manager.post(
                            "/api/v1/campaigns",
                            Map.of(
                                    "name",
                                    "Bad plan " + hardwareId,
                                    "releaseId",
                                    release.releaseId(),
                                    "filter",
                                    "model==\"" + model + "\""))
                    .json()
                    .get("id")
                    .asLong();
            long waves = count("campaign_wave");
            Map<String, Object> gate = Map.of("minExecuted", 1);
            Map<List<Map<String, Object>>, String> bad = new LinkedHashMap<>();
            bad.put(List.of(), "invalid-wave-plan");
            bad.put(List.of(wave("x", "SOMETIMES", null, gate, false)), "invalid-wave-plan");
            bad.put(List.of(wave("x", "PERCENT", "150", gate, false)), "invalid-wave-plan");
            bad.put(List.of(wave("x", "TAG", null, gate, false)), "invalid-wave-plan");
            bad.put(List.of(wave("x", "VINS", "NOT-A-VIN", gate, false)), "invalid-wave-plan");
            bad.put(List.of(wave("x", "FILTER", "model=lt=", gate, false)), "invalid-target-filter");
            bad.put(List.of(wave("x", "FILTER", "model==" + "A".repeat(4_000), gate, false)), "invalid-target-filter");
            bad.put(List.of(wave("x", "REST", null, Map.of("minExecuted", 0), false)), "invalid-wave-gate");
            bad.put(
                    List.of(wave("x", "REST", null, Map.of("minExecuted", 1, "maxFailureRate", 2.0), false)),
                    "invalid-wave-gate");
            bad.put(
                    List.of(wave(
                            "x", "REST", null, Map.of("maxFailureRateByCategory", Map.of("GREMLINS", 0.1)), false)),
                    "invalid-wave-gate");
            for (var plan : bad.entrySet()) {
                var answer = manager.put(path(id, "/waves"), Map.of("waves", plan.getKey()));
                assertThat(answer.code()).as(plan.toString()).isEqualTo(plan.getValue());
                assertThat(answer.status())
                        .as("a bad filter is 400 everywhere, a bad plan 422")
                        .isEqualTo(plan.getValue().equals("invalid-target-filter") ? 400 : 422);
            }
            var abort = manager.put(
                    path(id, "/waves"),
                    Map.of(
                            "waves",
                            List.of(wave("x", "REST", null, gate, false)),
                            "abortCriteria",
                            List.of(Map.of("failureType", "ALL", "thresholdPercent", 0.0, "minExecuted", 1))));
            assertThat(abort.code()).isEqualTo("invalid-abort-criterion");
            // Stored with the campaign in one column: more criteria than a plan needs are refused, not a 500.
            var tooMany = manager.put(
                    path(id, "/waves"),
                    Map.of(
                            "waves",
                            List.of(wave("x", "REST", null, gate, false)),
                            "abortCriteria",
                            Collections.nCopies(
                                    60,
                                    Map.of(
                                            "failureType",
                                            "VERIFICATION",
                                            "thresholdPercent",
                                            12.5,
                                            "minExecuted",
                                            10))));
            assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(422);
            assertThat(tooMany.code()).isEqualTo("invalid-abort-criterion");
            assertThat(count("campaign_wave")).isEqualTo(waves);
            assertThat(operatorWith(Role.VIEWER)
                            .put(path(id, "/waves"), Map.of("waves", List.of()))
                            .status())
                    .isEqualTo(403);
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
