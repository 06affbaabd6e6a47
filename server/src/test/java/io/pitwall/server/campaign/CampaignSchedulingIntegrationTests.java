package io.pitwall.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.campaign.rollout.WaveReconciler;
import io.pitwall.server.campaign.spi.GateVerdict;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.CampaignSteps;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import io.pitwall.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/**
 * The server schedules with a campaign's policy, on a clock the test moves: maintenance windows in the
 * vehicle's time zone, the rollout rate, in-progress timeouts, retries with backoff and the exception queue.
 */
class CampaignSchedulingIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();
    static final Instant NOON = Instant.parse("2026-12-01T12:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {

        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock(NOON);
        }
    }

    @Import(ClockConfiguration.class)
    abstract static class Contract extends IntegrationTest {

        @Autowired
        MovableClock clock;

        @Autowired
        WaveReconciler reconciler;

        @Autowired
        io.pitwall.server.campaign.persistence.WaveEvidenceReadModel evidences;

        TestFleet fleet;
        ApiClient manager;
        String hardwareId;
        String model;

        @BeforeEach
        void fleet() {
            fleet = new TestFleet(jdbc, admin);
            manager = operatorWith(Role.RELEASE_MANAGER);
            hardwareId = "SCHEDULING-HW-" + HARDWARE.incrementAndGet() + "-"
                    + getClass().getSimpleName();
            model = "Sched-" + hardwareId;
            // Every test starts at 12:00 UTC of a day later than anything an earlier test did.
            Instant nextNoon = clock.instant()
                    .truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                    .plus(Duration.ofHours(36));
            clock.advance(Duration.between(clock.instant(), nextNoon));
        }

        List<String> vehicles(int n) {
            List<String> vins = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                vins.add(fleet.vehicle(model, "EU", "1.0.0", hardwareId));
            }
            return vins;
        }

        long started(Map<String, Object> schedule) {
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            long id = CampaignSteps.created(
                    manager, "Scheduled " + hardwareId, release.releaseId(), model, Objects.requireNonNull(schedule));
            campaignSteps().approvedAndStarted(manager, id, release.knownGoodReleaseId());
            return id;
        }

        static String path(long id, String rest) {
            return "/api/v1/campaigns/" + id + rest;
        }

        JsonNode checkin(String vin) {
            var answer = fleet.credentialFor(vin)
                    .post(
                            "/device/v1/vehicles/" + vin + "/checkin",
                            Map.of("connectivity", "WIFI", "ownerConsent", true, "ecus", List.of()));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer.json();
        }

        JsonNode progress(long id) {
            return manager.get(path(id, "")).json();
        }

        void report(String vin, String assignmentId, String... types) {
            fleet.report(
                    vin, assignmentId, System.nanoTime() % 1_000_000_000L, clock.instant(), "INSTALLER_ERROR", types);
        }

        String status(String vin, long id) {
            return jdbc.sql("SELECT status FROM assignment WHERE vin = ? AND campaign_id = ?")
                    .params(vin, id)
                    .query(String.class)
                    .single();
        }

        @Test
        void aMaintenanceWindowDefersAVehicleUntilItOpensInTheVehiclesTimeZone() {
            List<String> vins = vehicles(2);
            String tokyo = vins.get(0);
            String unknownZone = vins.get(1);
            jdbc.sql("INSERT INTO vehicle_attribute (vin, name, attr_value) VALUES (?, 'timeZone', 'Asia/Tokyo')")
                    .params(tokyo)
                    .update();
            Map<String, Object> schedule = new LinkedHashMap<>();
            schedule.put(
                    "maintenanceWindows",
                    List.of(Map.of("cron", "0 2 * * *", "durationMinutes", 60, "timeZone", "UTC")));
            long id = started(schedule);

            // 12:00 UTC is 21:00 in Tokyo: both closed; Tokyo's 02:00 is 17:00 UTC.
            JsonNode deferred = checkin(tokyo);
            assertThat(deferred.has("assignment")).isFalse();
            assertThat(deferred.get("pollAfterSeconds").asInt()).isBetween(1, 330);
            assertThat(checkin(unknownZone).has("assignment")).isFalse();
            assertThat(progress(id)
                            .get("deferred")
                            .get("outside-maintenance-window")
                            .asLong())
                    .isEqualTo(2);
            assertThat(status(tokyo, id)).isEqualTo("PENDING");

            clock.advance(Duration.ofHours(5).plusMinutes(10));
            JsonNode opened = checkin(tokyo);
            assertThat(opened.get("assignment").get("assignmentId").asString()).isNotBlank();
            assertThat(status(tokyo, id)).isEqualTo("DELIVERED");
            assertThat(checkin(unknownZone).has("assignment"))
                    .as("02:00 UTC is still hours away")
                    .isFalse();
            assertThat(progress(id)
                            .get("deferred")
                            .get("outside-maintenance-window")
                            .asLong())
                    .isEqualTo(1);

            clock.advance(Duration.ofHours(9));
            assertThat(checkin(unknownZone)
                            .get("assignment")
                            .get("assignmentId")
                            .asString())
                    .isNotBlank();
            assertThat(progress(id).get("deferred").size()).isZero();
        }

        @Test
        void theRolloutRateCapsDeliveriesPerMinute() {
            List<String> vins = vehicles(5);
            long id = started(Map.of("rolloutRate", Map.of("maximumPerMinute", 2)));
            List<String> offered = new ArrayList<>();
            List<Integer> waits = new ArrayList<>();
            for (String vin : vins) {
                JsonNode answer = checkin(vin);
                if (answer.has("assignment")) {
                    offered.add(vin);
                } else {
                    waits.add(answer.get("pollAfterSeconds").asInt());
                }
            }
            assertThat(offered).hasSize(2);
            assertThat(waits).hasSize(3).allSatisfy(w -> assertThat(w).isBetween(1, 61));
            assertThat(progress(id).get("deferred").get("rollout-rate").asLong())
                    .isEqualTo(3);

            clock.advance(Duration.ofSeconds(30));
            assertThat(vins.stream()
                            .filter(v -> !offered.contains(v))
                            .filter(v -> checkin(v).has("assignment")))
                    .as("the minute is not over")
                    .isEmpty();
            clock.advance(Duration.ofSeconds(31));
            long now = vins.stream()
                    .filter(v -> !offered.contains(v))
                    .filter(v -> checkin(v).has("assignment"))
                    .count();
            assertThat(now).isEqualTo(2);
        }

        @Test
        void aCampaignOffersNothingBeforeItsStartTime() {
            String vin = vehicles(1).get(0);
            long id = started(Map.of(
                    "startAt", clock.instant().plus(Duration.ofMinutes(10)).toString()));
            JsonNode early = checkin(vin);
            assertThat(early.has("assignment")).isFalse();
            assertThat(early.get("pollAfterSeconds").asInt()).isBetween(1, 601);
            assertThat(progress(id).get("deferred").get("before-start").asLong())
                    .isEqualTo(1);
            clock.advance(Duration.ofMinutes(10));
            assertThat(checkin(vin).has("assignment")).isTrue();
        }

        String attempt(String vin, long id) {
            return jdbc.sql("SELECT attempt FROM assignment WHERE vin = ? AND campaign_id = ?")
                    .params(vin, id)
                    .query(Integer.class)
                    .single()
                    .toString();
        }

        @Test
        void anAttemptStuckPastTheTimeoutTimesOutIsRetriedAfterTheBackoffAndStopsAfterMaxAttempts() {
            String vin = vehicles(1).get(0);
            long id = started(
                    Map.of("inProgressTimeoutMinutes", 30, "retries", Map.of("maxAttempts", 2, "backoffSeconds", 600)));
            String first = checkin(vin).get("assignment").get("assignmentId").asString();
            report(vin, first, "DOWNLOAD_STARTED");
            clock.advance(Duration.ofMinutes(29));
            reconciler.tick("test-node");
            assertThat(status(vin, id)).as("not yet past the timeout").isEqualTo("DOWNLOADING");

            clock.advance(Duration.ofMinutes(2));
            reconciler.tick("test-node");
            assertThat(status(vin, id)).isEqualTo("TIMED_OUT");
            assertThat(progress(id).get("byStatus").get("TIMED_OUT").asLong()).isEqualTo(1);
            assertThat(evidences.outcomes(id).timedOut())
                    .as("what abort criteria and wave gates count")
                    .isEqualTo(1);
            assertThat(new WaveGate(1, null, null, null, 0, null)
                            .evaluate(id, 0, evidences.of(id, null), List.of())
                            .outcome())
                    .as("a gate allowing no timeouts")
                    .isEqualTo(GateVerdict.Outcome.FAILED);
            assertThat(progress(id).get("campaign").get("status").asString())
                    .as("a retry is due")
                    .isEqualTo("RUNNING");
            assertThat(checkin(vin).has("assignment")).isFalse();

            clock.advance(Duration.ofMinutes(9));
            reconciler.tick("test-node");
            assertThat(status(vin, id)).as("the backoff is not over").isEqualTo("TIMED_OUT");
            clock.advance(Duration.ofMinutes(1));
            reconciler.tick("test-node");
            assertThat(status(vin, id)).isEqualTo("PENDING");
            assertThat(attempt(vin, id)).isEqualTo("2");
            String second = checkin(vin).get("assignment").get("assignmentId").asString();
            assertThat(second).isEqualTo(first + ".2");
            report(vin, first, "INSTALL_STARTED", "INSTALL_FAILED");
            assertThat(status(vin, id))
                    .as("a late report of the first attempt moves nothing")
                    .isEqualTo("DELIVERED");

            clock.advance(Duration.ofMinutes(31));
            reconciler.tick("test-node");
            assertThat(status(vin, id)).isEqualTo("TIMED_OUT");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment WHERE campaign_id = ? AND retry_at IS NOT NULL")
                            .params(id)
                            .query(Long.class)
                            .single())
                    .as("no attempt left")
                    .isZero();
            assertThat(progress(id).get("campaign").get("status").asString()).isEqualTo("COMPLETED");
        }

        @Test
        void anInstallFailureIsRetriedButAVerificationFailureIsNot() {
            List<String> vins = vehicles(2);
            long id = started(
                    Map.of("retries", Map.of("maxAttempts", 3, "backoffSeconds", 60, "backoffMultiplier", 2.0)));
            String installing =
                    checkin(vins.get(0)).get("assignment").get("assignmentId").asString();
            report(vins.get(0), installing, "INSTALL_STARTED", "INSTALL_FAILED");
            String verifying =
                    checkin(vins.get(1)).get("assignment").get("assignmentId").asString();
            var failed = new HashMap<String, Object>(Map.of(
                    "seq",
                    1,
                    "type",
                    "DOWNLOAD_FAILED",
                    "code",
                    "HASH_MISMATCH",
                    "occurredAt",
                    clock.instant().toString(),
                    "assignmentId",
                    verifying));
            fleet.credentialFor(vins.get(1))
                    .post("/device/v1/vehicles/" + vins.get(1) + "/events", Map.of("events", List.of(failed)));
            assertThat(status(vins.get(0), id)).isEqualTo("FAILED");
            assertThat(status(vins.get(1), id)).isEqualTo("FAILED");

            clock.advance(Duration.ofSeconds(61));
            reconciler.tick("test-node");
            assertThat(status(vins.get(0), id)).isEqualTo("PENDING");
            assertThat(attempt(vins.get(0), id)).isEqualTo("2");
            assertThat(status(vins.get(1), id))
                    .as("verification failures are not retried")
                    .isEqualTo("FAILED");

            String again =
                    checkin(vins.get(0)).get("assignment").get("assignmentId").asString();
            report(vins.get(0), again, "INSTALL_STARTED", "INSTALL_FAILED");
            clock.advance(Duration.ofSeconds(61));
            reconciler.tick("test-node");
            assertThat(status(vins.get(0), id))
                    .as("the second backoff is twice the first")
                    .isEqualTo("FAILED");
            clock.advance(Duration.ofSeconds(60));
            reconciler.tick("test-node");
            assertThat(attempt(vins.get(0), id)).isEqualTo("3");
        }

        long audited(String action) {
            return jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = ? AND outcome = 'SUCCEEDED'")
                    .params(action)
                    .query(Long.class)
                    .single();
        }

        @Test
        void theExceptionQueueListsStuckFailedAndDeferredVehiclesAndRetriesOrExcludesThem() {
            List<String> vins = vehicles(3);
            long id = started(Map.of("inProgressTimeoutMinutes", 30, "rolloutRate", Map.of("maximumPerMinute", 2)));
            String failing = vins.get(0);
            String stuck = vins.get(1);
            String deferred = vins.get(2);
            report(
                    failing,
                    checkin(failing).get("assignment").get("assignmentId").asString(),
                    "INSTALL_STARTED",
                    "INSTALL_FAILED");
            checkin(stuck);
            assertThat(checkin(deferred).has("assignment")).isFalse();
            clock.advance(Duration.ofMinutes(31));
            reconciler.tick("test-node");

            String queue = path(id, "/exceptions");
            var listed = operatorWith(Role.VIEWER).get(queue);
            assertThat(listed.status()).as(listed.body()).isEqualTo(200);
            Map<String, String> kinds = new HashMap<>();
            listed.json()
                    .get("items")
                    .forEach(e -> kinds.put(
                            e.get("vin").asString(),
                            e.get("kind").asString() + " " + e.get("reason").asString()));
            assertThat(kinds)
                    .containsEntry(failing, "FAILED INSTALL: INSTALLER_ERROR")
                    .containsEntry(stuck, "TIMED_OUT in progress past the campaign's in-progress timeout")
                    .containsEntry(deferred, "DEFERRED rollout-rate")
                    .hasSize(3);
            assertThat(listed.json().get("total").asLong()).isEqualTo(3);

            ApiClient operator = operatorWith(Role.FLEET_OPERATOR);
            var noComment = operator.post(queue + "/" + failing + "/retry", Map.of());
            assertThat(noComment.status()).isEqualTo(400);
            assertThat(noComment.code()).isEqualTo("comment-required");
            assertThat(status(failing, id)).isEqualTo("FAILED");
            assertThat(operatorWith(Role.VIEWER)
                            .post(queue + "/" + failing + "/retry", Map.of("comment", "x"))
                            .status())
                    .isEqualTo(403);
            var notRetryable = operator.post(queue + "/" + deferred + "/retry", Map.of("comment", "go"));
            assertThat(notRetryable.status()).isEqualTo(409);
            assertThat(notRetryable.code()).isEqualTo("not-retryable");
            assertThat(operator.post(queue + "/WPWNOTINCAMPAIGN1/exclude", Map.of("comment", "x"))
                            .code())
                    .isEqualTo("assignment-not-found");

            var retried = operator.post(queue + "/" + failing + "/retry", Map.of("comment", "installer fixed"));
            assertThat(retried.status()).as(retried.body()).isEqualTo(204);
            assertThat(status(failing, id)).isEqualTo("PENDING");
            assertThat(attempt(failing, id)).isEqualTo("2");
            assertThat(audited("campaign.exception.retry")).isEqualTo(1);

            var excluded = operator.post(queue + "/" + stuck + "/exclude", Map.of("comment", "vehicle scrapped"));
            assertThat(excluded.status()).as(excluded.body()).isEqualTo(204);
            assertThat(operator.post(queue + "/" + deferred + "/exclude", Map.of("comment", "owner declined"))
                            .status())
                    .isEqualTo(204);
            assertThat(status(deferred, id)).isEqualTo("CANCELLED");
            assertThat(audited("campaign.exception.exclude")).isEqualTo(2);
            var after = manager.get(queue).json();
            assertThat(after.get("total").asLong()).as(after.toString()).isZero();
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
