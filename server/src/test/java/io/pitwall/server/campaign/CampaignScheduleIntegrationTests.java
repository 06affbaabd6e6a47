package io.pitwall.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.CampaignSteps;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.TestFleet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A campaign's schedule through the API: set in DRAFT only, validated, nothing written on bad input.
 * Runs on H2 only: validation and a stored schedule shown back; CampaignSchedulingIntegrationTests uses it on both.
 */
class CampaignScheduleIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();

    abstract static class Contract extends IntegrationTest {

        TestFleet fleet;
        ApiClient manager;
        String hardwareId;
        long releaseId;

        @BeforeEach
        void fleet() {
            fleet = new TestFleet(jdbc, admin);
            manager = operatorWith(Role.RELEASE_MANAGER);
            hardwareId =
                    "SCHED-HW-" + HARDWARE.incrementAndGet() + "-" + getClass().getSimpleName();
            fleet.vehicle("Sched-" + hardwareId, "EU", "1.0.0", hardwareId);
            releaseId = fleet.publish(hardwareId, "2.0.0", 20).releaseId();
        }

        static Map<String, Object> schedule() {
            Map<String, Object> schedule = new LinkedHashMap<>();
            schedule.put("startAt", "2026-12-01T00:00:00Z");
            schedule.put("endAt", "2026-12-31T00:00:00Z");
            schedule.put(
                    "rolloutRate",
                    Map.of(
                            "maximumPerMinute",
                            100,
                            "baseRatePerMinute",
                            5,
                            "incrementFactor",
                            2.0,
                            "increaseEvery",
                            50,
                            "countSucceeded",
                            true));
            schedule.put(
                    "maintenanceWindows",
                    List.of(Map.of("cron", "0 2 * * *", "durationMinutes", 120, "timeZone", "Europe/Berlin")));
            schedule.put("retries", Map.of("maxAttempts", 3, "backoffSeconds", 600, "backoffMultiplier", 2.0));
            schedule.put("inProgressTimeoutMinutes", 90);
            return schedule;
        }

        long draft(Map<String, Object> schedule) {
            return CampaignSteps.created(manager, "Scheduled " + hardwareId, releaseId, "none", schedule);
        }

        @Test
        void aScheduleGivenAtCreationIsStoredAndShown() {
            long id = draft(schedule());
            var shown = manager.get("/api/v1/campaigns/" + id + "/schedule");
            assertThat(shown.status()).as(shown.body()).isEqualTo(200);
            assertThat(shown.json().get("rolloutRate").get("baseRatePerMinute").asInt())
                    .isEqualTo(5);
            assertThat(shown.json()
                            .get("maintenanceWindows")
                            .get(0)
                            .get("timeZone")
                            .asString())
                    .isEqualTo("Europe/Berlin");
            assertThat(shown.json().get("retries").get("maxAttempts").asInt()).isEqualTo(3);
            assertThat(shown.json().get("inProgressTimeoutMinutes").asInt()).isEqualTo(90);
            assertThat(java.time.OffsetDateTime.parse(
                                    shown.json().get("startAt").asString())
                            .toInstant())
                    .isEqualTo(java.time.Instant.parse("2026-12-01T00:00:00Z"));
        }

        @Test
        void badSchedulesAreRefusedWithNothingWritten() {
            long campaigns = count("campaign");
            Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
            bad.put(
                    "invalid-maintenance-window",
                    with("maintenanceWindows", List.of(Map.of("cron", "0 25 * * *", "durationMinutes", 60))));
            bad.put(
                    "invalid-maintenance-window ",
                    with(
                            "maintenanceWindows",
                            List.of(Map.of("cron", "0 2 * * *", "durationMinutes", 60, "timeZone", "Mars/Olympus"))));
            bad.put("invalid-schedule", with("inProgressTimeoutMinutes", -5));
            bad.put("invalid-schedule ", with("retries", Map.of("maxAttempts", 2, "backoffSeconds", -1)));
            bad.put("invalid-rollout-rate", with("rolloutRate", Map.of("maximumPerMinute", -1)));
            var endsBeforeItStarts = with("endAt", "2026-11-01T00:00:00Z");
            endsBeforeItStarts.put("startAt", "2026-11-02T00:00:00Z");
            bad.put("invalid-schedule  ", endsBeforeItStarts);
            for (var entry : bad.entrySet()) {
                var created = manager.post(
                        "/api/v1/campaigns",
                        Map.of(
                                "name",
                                "Bad",
                                "releaseId",
                                releaseId,
                                "filter",
                                "model==\"none\"",
                                "schedule",
                                entry.getValue()));
                assertThat(created.status()).as(created.body()).isEqualTo(400);
                assertThat(created.code()).isEqualTo(entry.getKey().trim());
            }
            assertThat(count("campaign")).isEqualTo(campaigns);

            long id = draft(null);
            var put = manager.put("/api/v1/campaigns/" + id + "/schedule", with("inProgressTimeoutMinutes", 0));
            assertThat(put.status()).as(put.body()).isEqualTo(400);
            assertThat(manager.get("/api/v1/campaigns/" + id + "/schedule").code())
                    .isEqualTo("schedule-not-set");
        }

        @Test
        void theScheduleChangesOnlyWhileTheCampaignIsADraft() {
            long id = draft(null);
            var put = manager.put("/api/v1/campaigns/" + id + "/schedule", schedule());
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            assertThat(put.json().get("rolloutRate").get("maximumPerMinute").asInt())
                    .isEqualTo(100);
            jdbc.sql("UPDATE campaign SET status = 'SUBMITTED' WHERE id = ?")
                    .params(id)
                    .update();
            var late = manager.put("/api/v1/campaigns/" + id + "/schedule", with("inProgressTimeoutMinutes", 5));
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.code()).isEqualTo("campaign-not-draft");
            assertThat(manager.get("/api/v1/campaigns/" + id + "/schedule")
                            .json()
                            .get("inProgressTimeoutMinutes")
                            .asInt())
                    .isEqualTo(90);
            assertThat(operatorWith(Role.VIEWER)
                            .put("/api/v1/campaigns/" + id + "/schedule", schedule())
                            .status())
                    .isEqualTo(403);
        }

        static Map<String, Object> with(String key, Object value) {
            Map<String, Object> schedule = new LinkedHashMap<>();
            schedule.put(key, value);
            return schedule;
        }
    }

    @Nested
    class OnH2 extends Contract {}
}
