package io.pitwall.server.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.CampaignSteps;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * "Open a case" from a campaign's exception queue: a case with the queue's reason and the campaign as context,
 * deduplicated with the case a failed update opened by itself, audited; bad requests write nothing.
 */
class ExceptionCaseIntegrationTests {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    abstract static class Contract extends IntegrationTest {

        TestFleet fleet;
        long campaign;
        String failed;
        String deferred;
        String installing;

        /** One vehicle failed its install, one is deferred by the rollout rate, one is downloading. */
        @BeforeEach
        void campaignWithExceptions() {
            fleet = new TestFleet(jdbc, admin);
            String hardwareId =
                    "EXC-CASE-" + SEQUENCE.incrementAndGet() + "-" + getClass().getSimpleName();
            String model = "Model-" + hardwareId;
            failed = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            installing = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            deferred = fleet.vehicle(model, "EU", "1.0.0", hardwareId);
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            var manager = operatorWith(Role.RELEASE_MANAGER);
            campaign = CampaignSteps.createdWithFilter(
                    manager,
                    "Exceptions " + hardwareId,
                    release.releaseId(),
                    Map.of("model", model),
                    Map.of("rolloutRate", Map.of("maximumPerMinute", 2)));
            campaignSteps().approvedCampaign(manager, campaign, release.knownGoodReleaseId());
            CampaignSteps.start(admin, campaign);
            String assignment =
                    checkin(failed).get("assignment").get("assignmentId").asString();
            var events = fleet.credentialFor(failed)
                    .post(
                            "/device/v1/vehicles/" + failed + "/events",
                            Map.of(
                                    "events",
                                    List.of(
                                            event(1, "INSTALL_STARTED", assignment),
                                            Map.of(
                                                    "seq",
                                                    2,
                                                    "type",
                                                    "INSTALL_FAILED",
                                                    "occurredAt",
                                                    Instant.now().toString(),
                                                    "assignmentId",
                                                    assignment,
                                                    "code",
                                                    "FLASH_WRITE_ERROR"))));
            assertThat(events.status()).as(events.body()).isEqualTo(200);
            assertThat(checkin(installing).has("assignment")).isTrue();
            assertThat(checkin(deferred).has("assignment"))
                    .as("the rollout rate defers the third")
                    .isFalse();
        }

        static Map<String, Object> event(long seq, String type, String assignment) {
            return Map.of("seq", seq, "type", type, "occurredAt", Instant.now().toString(), "assignmentId", assignment);
        }

        JsonNode checkin(String vin) {
            var answer = fleet.credentialFor(vin)
                    .post(
                            "/device/v1/vehicles/" + vin + "/checkin",
                            Map.of("connectivity", "WIFI", "ownerConsent", true, "ecus", List.of()));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer.json();
        }

        String queue() {
            return "/api/v1/campaigns/" + campaign + "/exceptions";
        }

        long audited(String action) {
            return jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = ? AND outcome = 'SUCCEEDED'")
                    .params(action)
                    .query(Long.class)
                    .single();
        }

        long auditedOnCampaign() {
            return jdbc.sql("""
                    SELECT COUNT(*) FROM audit_record WHERE action = 'campaign.exception.case' AND target = ?
                    AND outcome = 'SUCCEEDED'""")
                    .params("campaign:" + campaign)
                    .query(Long.class)
                    .single();
        }

        @Test
        void anOperatorOpensACaseForADeferredVehicleWithTheQueuesReasonAndTheCampaign() {
            ApiClient operator = operatorWith(Role.FLEET_OPERATOR);
            var opened = operator.post(queue() + "/" + deferred + "/case", Map.of("comment", "stuck behind the rate"));
            assertThat(opened.status()).as(opened.body()).isEqualTo(201);
            JsonNode c = opened.json();
            assertThat(c.get("vin").asString()).isEqualTo(deferred);
            assertThat(c.get("origin").asString()).isEqualTo("EXCEPTION_QUEUE");
            assertThat(c.get("subject").asString()).isEqualTo("campaign:" + campaign);
            assertThat(c.get("campaignId").asLong()).isEqualTo(campaign);
            assertThat(c.get("severityClass").asString()).isEqualTo("campaign-related");
            assertThat(c.get("team").asString()).isEqualTo("release");
            assertThat(c.get("code").asString()).isEqualTo("DEFERRED rollout-rate");
            assertThat(c.get("nextAction").asString())
                    .contains("campaign " + campaign, "DEFERRED, rollout-rate", "stuck behind the rate");
            long id = c.get("id").asLong();
            assertThat(jdbc.sql("SELECT actor FROM case_note WHERE case_id = ? AND kind = 'OPENED'")
                            .params(id)
                            .query(String.class)
                            .single())
                    .startsWith("fleet-operator-");
            assertThat(auditedOnCampaign()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT operator FROM audit_record WHERE action = 'case.open' AND target = ?")
                            .params("case:" + id)
                            .query(String.class)
                            .single())
                    .startsWith("fleet-operator-");

            var again = operatorWith(Role.SUPPORT_AGENT)
                    .post(queue() + "/" + deferred + "/case", Map.of("comment", "customer called"));
            assertThat(again.status())
                    .as("deduplicated: the open case counts a recurrence")
                    .isEqualTo(200);
            assertThat(again.json().get("id").asLong()).isEqualTo(id);
            assertThat(again.json().get("occurrences").asInt()).isEqualTo(2);
            assertThat(jdbc.sql("SELECT body FROM case_note WHERE case_id = ? AND kind = 'COMMENT'")
                            .params(id)
                            .query(String.class)
                            .single())
                    .contains("customer called");
            assertThat(auditedOnCampaign()).isEqualTo(2);
        }

        @Test
        void aFailedVehicleAlreadyHasItsUpdateFailureCaseAndOpeningCountsOnIt() {
            JsonNode automatic = admin.get("/api/v1/cases?vin=" + failed).json();
            assertThat(automatic.get("total").asLong()).isEqualTo(1);
            long id = automatic.get("items").get(0).get("id").asLong();
            long cases = count("service_case");

            var opened = operatorWith(Role.FLEET_OPERATOR)
                    .post(queue() + "/" + failed + "/case", Map.of("comment", "check the flash driver"));
            assertThat(opened.status()).as(opened.body()).isEqualTo(200);
            assertThat(opened.json().get("id").asLong()).isEqualTo(id);
            assertThat(opened.json().get("origin").asString()).isEqualTo("UPDATE_FAILURE");
            assertThat(count("service_case")).isEqualTo(cases);
            assertThat(jdbc.sql("SELECT body FROM case_note WHERE case_id = ? AND kind = 'COMMENT'")
                            .params(id)
                            .query(String.class)
                            .single())
                    .contains("FAILED, INSTALL: FLASH_WRITE_ERROR", "check the flash driver");
        }

        @Test
        void badRequestsAreRefusedAndWriteNothing() {
            ApiClient operator = operatorWith(Role.FLEET_OPERATOR);
            long cases = count("service_case");
            long notes = count("case_note");
            long assignments = jdbc.sql("SELECT COUNT(*) FROM assignment WHERE exception_comment IS NOT NULL")
                    .query(Long.class)
                    .single();
            long opened = audited("case.open");
            Map<String, String> comment = Map.of("comment", "x");

            var unknownCampaign =
                    operator.post("/api/v1/campaigns/987654321/exceptions/" + deferred + "/case", comment);
            assertThat(unknownCampaign.status()).isEqualTo(404);
            assertThat(unknownCampaign.code()).isEqualTo("campaign-not-found");
            var unknownVehicle = operator.post(queue() + "/WPWNOTINCAMPAIGN1/case", comment);
            assertThat(unknownVehicle.status()).isEqualTo(404);
            assertThat(unknownVehicle.code()).isEqualTo("assignment-not-found");
            var notQueued = operator.post(queue() + "/" + installing + "/case", comment);
            assertThat(notQueued.status()).as(notQueued.body()).isEqualTo(409);
            assertThat(notQueued.code()).isEqualTo("not-an-exception");
            var noComment = operator.post(queue() + "/" + deferred + "/case", Map.of());
            assertThat(noComment.status()).isEqualTo(400);
            assertThat(noComment.code()).isEqualTo("comment-required");
            var tooLong = operator.post(queue() + "/" + deferred + "/case", Map.of("comment", "x".repeat(2001)));
            assertThat(tooLong.code()).isEqualTo("comment-required");
            var viewer = operatorWith(Role.VIEWER).post(queue() + "/" + deferred + "/case", comment);
            assertThat(viewer.status()).isEqualTo(403);
            var manager = operatorWith(Role.RELEASE_MANAGER).post(queue() + "/" + deferred + "/case", comment);
            assertThat(manager.status()).as("case:work is needed").isEqualTo(403);

            assertThat(count("service_case")).isEqualTo(cases);
            assertThat(count("case_note")).isEqualTo(notes);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment WHERE exception_comment IS NOT NULL")
                            .query(Long.class)
                            .single())
                    .isEqualTo(assignments);
            assertThat(auditedOnCampaign()).isZero();
            assertThat(audited("case.open")).isEqualTo(opened);
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
