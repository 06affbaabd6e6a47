package io.pitwall.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.CampaignSteps;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.TestFleet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The emergency stop, re-approval before resuming, and the decision log with its numbers.
 * Runs on H2 only: a permission, a reason and state rules, no race; CampaignFlowIntegrationTests pauses on both.
 */
class EmergencyStopIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();

    abstract static class Contract extends IntegrationTest {

        TestFleet fleet;
        ApiClient operator;

        @BeforeEach
        void fleet() {
            fleet = new TestFleet(jdbc, admin);
            operator = operatorWith(Role.FLEET_OPERATOR);
        }

        /** An approved campaign of one vehicle; started when asked. */
        long campaign(boolean start) {
            String hardwareId =
                    "EMS-HW-" + HARDWARE.incrementAndGet() + "-" + getClass().getSimpleName();
            fleet.vehicle("Ems-" + hardwareId, "EU", "1.0.0", hardwareId);
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            var manager = operatorWith(Role.RELEASE_MANAGER);
            long id = CampaignSteps.createdWithFilter(
                    manager, "Ems " + hardwareId, release.releaseId(), Map.of("model", "Ems-" + hardwareId), null);
            campaignSteps().approvedCampaign(manager, id, release.knownGoodReleaseId());
            if (start) {
                CampaignSteps.start(operator, id);
            }
            return id;
        }

        JsonNode campaign(long id) {
            return operator.get("/api/v1/campaigns/" + id).json().get("campaign");
        }

        @Test
        void theEmergencyStopPausesEveryRunningCampaignAndResumingNeedsAFreshApproval() {
            long first = campaign(true);
            long second = campaign(true);
            long approvedOnly = campaign(false);
            var officer = operatorWith(Role.SECURITY_OFFICER);
            var stopped = officer.post("/api/v1/campaigns/emergency-stop", Map.of("reason", "Brake ECU reports"));
            assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
            List<Long> paused = new ArrayList<>();
            stopped.json().get("paused").forEach(n -> paused.add(n.asLong()));
            assertThat(paused).contains(first, second).doesNotContain(approvedOnly);
            assertThat(count("campaign WHERE status = 'RUNNING'")).isZero();
            for (long id : List.of(first, second)) {
                assertThat(campaign(id).get("status").asString()).isEqualTo("PAUSED");
                assertThat(campaign(id).get("emergencyHold").asBoolean()).isTrue();
            }
            assertThat(campaign(approvedOnly).get("status").asString()).isEqualTo("APPROVED");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'campaign.emergency-stop'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);

            var held = operator.post("/api/v1/campaigns/" + first + "/resume", "");
            assertThat(held.status()).isEqualTo(409);
            assertThat(held.code()).isEqualTo("resume-needs-approval");
            campaignSteps().approved(first);
            assertThat(campaign(first).get("emergencyHold").asBoolean()).isFalse();
            assertThat(operator.post("/api/v1/campaigns/" + first + "/resume", "")
                            .json()
                            .get("campaign")
                            .get("status")
                            .asString())
                    .isEqualTo("RUNNING");
            assertThat(operator.post("/api/v1/campaigns/" + second + "/resume", "")
                            .code())
                    .isEqualTo("resume-needs-approval");
        }

        @Test
        void theEmergencyStopNeedsItsPermissionAndAReason() {
            long running = campaign(true);
            long decisions = count("campaign_decision");
            var denied = operator.post("/api/v1/campaigns/emergency-stop", Map.of("reason", "x"));
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.code()).isEqualTo("permission-denied");
            var bare = operatorWith(Role.SECURITY_OFFICER).post("/api/v1/campaigns/emergency-stop", Map.of());
            assertThat(bare.status()).isEqualTo(422);
            assertThat(bare.code()).isEqualTo("reason-required");
            assertThat(count("campaign_decision")).isEqualTo(decisions);
            assertThat(campaign(running).get("status").asString()).isEqualTo("RUNNING");
        }

        @Test
        void theDecisionLogRecordsEachStepWithTheNumbersOfItsMoment() {
            long id = campaign(true);
            operator.post("/api/v1/campaigns/" + id + "/pause", "");
            operator.post("/api/v1/campaigns/" + id + "/resume", "");
            operator.post("/api/v1/campaigns/" + id + "/cancel", "");
            JsonNode log =
                    operator.get("/api/v1/campaigns/" + id + "/decisions").json();
            List<String> kinds = new ArrayList<>();
            log.forEach(d -> kinds.add(d.get("kind").asString()));
            assertThat(kinds).containsExactly("SUBMIT", "APPROVE", "APPROVE", "START", "PAUSE", "RESUME", "CANCEL");
            JsonNode submit = log.get(0).get("detail");
            assertThat(submit.get("risk").asString()).isEqualTo("HIGH");
            assertThat(submit.get("matchedVehicles").asLong()).isEqualTo(1);
            JsonNode start = log.get(3);
            assertThat(start.get("detail").get("assignmentsCreated").asInt()).isEqualTo(1);
            assertThat(start.get("detail").get("byStatus").get("PENDING").asLong())
                    .isEqualTo(1);
            assertThat(start.get("detail").get("from").asString()).isEqualTo("APPROVED");
            assertThat(start.get("detail").get("to").asString()).isEqualTo("RUNNING");
            assertThat(start.get("actor").asString()).startsWith("fleet-operator-");
            assertThat(log.get(6).get("detail").get("byStatus").get("CANCELLED").asLong())
                    .isEqualTo(1);
            assertThat(log.get(6).get("detail").get("assignmentsCancelled").asInt())
                    .isEqualTo(1);
            assertThat(operator.get("/api/v1/campaigns/987654321/decisions").code())
                    .isEqualTo("campaign-not-found");
        }
    }

    @Nested
    class OnH2 extends Contract {}
}
