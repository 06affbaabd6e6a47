package io.pitwall.server.campaign;

import static io.pitwall.server.support.CampaignSteps.wave;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.audit.AuditChainVerifier;
import io.pitwall.server.campaign.rollout.WaveReconciler;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.CampaignSteps;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import io.pitwall.testsupport.MovableClock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every step a campaign takes on its own (a gate passing or failing, a wave starting, an abort, timeouts and
 * retries, completion) leaves one audit entry, in the step's transaction, naming the system as its actor; the
 * chain still verifies. Driven tick by tick on a clock the test moves.
 */
class AutomaticStepsAuditIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String NODE = "audit-test-node";
    static final String RECONCILER = "system:reconciler";

    /** One audit record of a campaign: what, by whom, with which details. */
    record Entry(String action, String operator, JsonNode details) {}

    @Import(CampaignSchedulingIntegrationTests.ClockConfiguration.class)
    abstract static class Contract extends IntegrationTest {

        @Autowired
        MovableClock clock;

        @Autowired
        WaveReconciler reconciler;

        @Autowired
        AuditChainVerifier verifier;

        TestFleet fleet;
        ApiClient manager;
        String hardwareId;
        String model;
        long seq;

        @BeforeEach
        void fleet() {
            fleet = new TestFleet(jdbc, admin);
            manager = operatorWith(Role.RELEASE_MANAGER);
            hardwareId = "AUDIT-STEP-HW-" + HARDWARE.incrementAndGet() + "-"
                    + getClass().getSimpleName();
            model = "AuditSteps-" + hardwareId;
            // A day later than anything an earlier test did, so leases and timeouts start afresh.
            clock.advance(Duration.between(
                    clock.instant(),
                    clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(36))));
        }

        @AfterEach
        void theChainStillVerifies() {
            var report = verifier.verify();
            assertThat(report.intact()).as(String.valueOf(report.problem())).isTrue();
            assertThat(report.pending())
                    .as("every entry chained after its commit")
                    .isZero();
        }

        @Test
        void wavesStartingAndPassingAndTheCompletionAreAuditedOncePerStepAsTheReconciler() {
            List<String> pilot = vehicles(2, "pilot");
            List<String> rest = vehicles(3, null);
            long id = started(
                    List.of(
                            wave("pilot", "TAG", "pilot", Map.of("minExecuted", 2, "maxFailureRate", 0.0)),
                            wave("nobody", "FILTER", "region==XX", Map.of("minExecuted", 1)),
                            wave("rest", "REST", null, Map.of("minExecuted", 3))),
                    List.of(),
                    Map.of());
            List<Entry> atStart = automatic(id);

            finish(pilot, false);
            for (int tick = 0; tick < 4; tick++) {
                reconciler.tick(NODE);
            }
            assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment WHERE campaign_id = ? AND wave_no = 2")
                            .params(id)
                            .query(Long.class)
                            .single())
                    .isEqualTo(3);
            finish(rest, false);
            reconciler.tick(NODE);
            reconciler.tick(NODE);
            assertThat(status(id)).isEqualTo("COMPLETED");

            assertThat(atStart).as("the operator's start is the operator's").isEmpty();
            List<Entry> steps = automatic(id);
            assertThat(steps)
                    .extracting(Entry::action)
                    .containsExactly(
                            "campaign.wave.pass",
                            "campaign.wave.start",
                            "campaign.wave.pass",
                            "campaign.wave.start",
                            "campaign.wave.pass",
                            "campaign.complete",
                            "campaign.review.open");
            assertThat(steps).extracting(Entry::operator).containsOnly(RECONCILER);
            assertThat(steps.subList(0, 5))
                    .allSatisfy(
                            e -> assertThat(e.details().get("node").asString()).isEqualTo(NODE));
            assertThat(steps.get(1).details().get("assigned").asLong()).isZero();
            assertThat(steps.get(2).details().get("outcome").asString()).isEqualTo("EMPTY");
            assertThat(steps.get(3).details().get("assigned").asLong())
                    .as("one entry for all its vehicles")
                    .isEqualTo(3);
            assertThat(steps.get(4).details().get("status").asString()).isEqualTo("PASSED");
            assertThat(steps.get(5).details().get("to").asString()).isEqualTo("COMPLETED");
        }

        @Test
        void aFailedGatePausesTheCampaignAndBothAreAuditedAsTheReconciler() {
            List<String> pilot = vehicles(2, "pilot");
            vehicles(1, null);
            long id = started(
                    List.of(
                            wave("pilot", "TAG", "pilot", Map.of("minExecuted", 2, "maxFailureRate", 0.0)),
                            wave("rest", "REST", null, Map.of("minExecuted", 1))),
                    List.of(),
                    Map.of());
            finish(pilot.subList(0, 1), false);
            finish(pilot.subList(1, 2), true);

            assertThat(reconciler.tick(NODE)).isEqualTo(1);

            assertThat(status(id)).isEqualTo("PAUSED");
            List<Entry> steps = automatic(id);
            assertThat(steps).extracting(Entry::action).containsExactly("campaign.wave.fail", "campaign.pause");
            assertThat(steps).extracting(Entry::operator).containsOnly(RECONCILER);
            assertThat(steps.get(0).details().get("failedChecks").get(0).asString())
                    .isEqualTo("max-failure-rate");
            assertThat(steps.get(1).details().get("reason").asString()).contains("gate of wave 0");
        }

        @Test
        void anAbortCriterionPauseIsAuditedAsTheReconciler() {
            List<String> vins = vehicles(2, null);
            long id = started(
                    List.of(wave("all", "REST", null, Map.of("minExecuted", 100))),
                    List.of(Map.of("failureType", "ALL", "thresholdPercent", 10, "minExecuted", 1)),
                    Map.of());
            finish(vins.subList(0, 1), true);

            assertThat(reconciler.tick(NODE)).isEqualTo(1);

            assertThat(status(id)).isEqualTo("PAUSED");
            List<Entry> steps = automatic(id);
            assertThat(steps).extracting(Entry::action).containsExactly("campaign.pause");
            assertThat(steps.get(0).operator()).isEqualTo(RECONCILER);
            assertThat(steps.get(0).details().get("node").asString()).isEqualTo(NODE);
        }

        @Test
        void timeoutsRetriesAndTheCompletionTheyBringAreOneEntryPerStepNotPerVehicle() {
            List<String> vins = vehicles(3, null);
            long id = started(
                    List.of(),
                    List.of(),
                    Map.of("inProgressTimeoutMinutes", 30, "retries", Map.of("maxAttempts", 2, "backoffSeconds", 600)));
            for (String vin : vins) {
                report(vin, assignmentOf(vin), "DOWNLOAD_STARTED");
            }
            clock.advance(Duration.ofMinutes(31));
            reconciler.tick(NODE);
            clock.advance(Duration.ofMinutes(10));
            reconciler.tick(NODE);
            for (String vin : vins) {
                report(vin, assignmentOf(vin), "DOWNLOAD_STARTED");
            }
            clock.advance(Duration.ofMinutes(31));
            reconciler.tick(NODE);

            assertThat(status(id)).isEqualTo("COMPLETED");
            List<Entry> steps = automatic(id);
            assertThat(steps)
                    .extracting(Entry::action)
                    .containsExactly(
                            "campaign.attempts",
                            "campaign.attempts",
                            "campaign.attempts",
                            "campaign.complete",
                            "campaign.review.open");
            assertThat(steps).extracting(Entry::operator).containsOnly(RECONCILER);
            assertThat(steps)
                    .extracting(e -> e.details().path("timedOut").asLong(-1) + "/"
                            + e.details().path("retried").asLong(-1))
                    .startsWith("3/0", "0/3", "3/0");
        }

        @Test
        void theLastVehicleReportCompletesACampaignWithTheSystemAsActor() {
            List<String> vins = vehicles(1, null);
            long id = started(List.of(), List.of(), Map.of());

            finish(vins, false);

            assertThat(status(id)).isEqualTo("COMPLETED");
            assertThat(automatic(id))
                    .extracting(Entry::action, Entry::operator)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("campaign.complete", "system"),
                            org.assertj.core.groups.Tuple.tuple("campaign.review.open", "system"));
        }

        /** The campaign's audit entries not made by a signed-in operator, in chain order. */
        List<Entry> automatic(long id) {
            return jdbc.sql("""
                    SELECT action, operator, details FROM audit_record WHERE target = :t AND operator LIKE 'system%'
                    ORDER BY seq""")
                    .param("t", "campaign:" + id)
                    .query((rs, i) -> new Entry(rs.getString(1), rs.getString(2), JSON.readTree(rs.getString(3))))
                    .list();
        }

        List<String> vehicles(int n, String tag) {
            return fleet.vehicles(n, model, hardwareId, tag);
        }

        long started(List<Map<String, Object>> waves, List<Map<String, Object>> abort, Map<String, Object> schedule) {
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            long id = CampaignSteps.created(
                    manager, "Audited " + hardwareId, release.releaseId(), model, schedule.isEmpty() ? null : schedule);
            if (!waves.isEmpty()) {
                CampaignSteps.planned(manager, id, waves, Objects.requireNonNull(abort));
            }
            campaignSteps().approvedAndStarted(manager, id, release.knownGoodReleaseId());
            return id;
        }

        String assignmentOf(String vin) {
            var answer = fleet.credentialFor(vin)
                    .post(
                            "/device/v1/vehicles/" + vin + "/checkin",
                            Map.of("connectivity", "WIFI", "ownerConsent", true, "ecus", List.of()));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer.json().get("assignment").get("assignmentId").asString();
        }

        /** Each vehicle installs its assignment to the end (with its health report), or fails installing. */
        void report(String vin, String assignment, String... types) {
            seq = fleet.report(vin, assignment, seq, clock.instant(), "INSTALL_WRITE_ERROR", types);
        }

        void finish(List<String> vins, boolean fail) {
            for (String vin : vins) {
                report(vin, assignmentOf(vin), fail ? TestFleet.INSTALL_FAILED : TestFleet.INSTALLED);
            }
        }

        String status(long id) {
            return manager.get("/api/v1/campaigns/" + id)
                    .json()
                    .get("campaign")
                    .get("status")
                    .asString();
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
