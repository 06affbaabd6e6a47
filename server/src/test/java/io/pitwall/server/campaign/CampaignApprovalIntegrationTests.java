package io.pitwall.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.CampaignSteps;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.TestFleet;
import io.pitwall.server.support.TestFleet.PublishedRelease;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Readiness, submission, dual-control approval and refusal of campaigns over the API.
 * Runs on H2 only: readiness and approval rules in Java over single-row SQL, without locking or dialect SQL.
 */
class CampaignApprovalIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();

    abstract static class Contract extends IntegrationTest {

        TestFleet fleet;
        String hardwareId;
        ApiClient manager;

        @BeforeEach
        void fleet() {
            fleet = new TestFleet(jdbc, admin);
            hardwareId =
                    "APR-HW-" + HARDWARE.incrementAndGet() + "-" + getClass().getSimpleName();
            fleet.vehicle("Apr-" + hardwareId, "EU", "1.0.0", hardwareId);
            manager = operatorWith(Role.RELEASE_MANAGER);
        }

        long draft(PublishedRelease release) {
            var created = manager.post(
                    "/api/v1/campaigns",
                    Map.of(
                            "name",
                            "Approval " + hardwareId,
                            "releaseId",
                            release.releaseId(),
                            "filter",
                            Map.of("model", "Apr-" + hardwareId)));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            return created.json().get("id").asLong();
        }

        String path(long id, String rest) {
            return "/api/v1/campaigns/" + id + rest;
        }

        static Map<String, Boolean> items(JsonNode readiness) {
            Map<String, Boolean> items = new java.util.LinkedHashMap<>();
            readiness
                    .get("items")
                    .forEach(i ->
                            items.put(i.get("item").asString(), i.get("met").asBoolean()));
            return items;
        }

        ApiClient.Response approve(ApiClient approver, long id) {
            return approver.post(path(id, "/approvals"), Map.of("decision", "APPROVE", "comment", "looks good"));
        }

        @Test
        void readinessShowsEachItemMetOrUnmetWithAReason() {
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            long id = draft(release);
            var empty = manager.get(path(id, "/readiness")).json();
            assertThat(empty.get("ready").asBoolean()).isFalse();
            assertThat(items(empty))
                    .hasSize(12)
                    .containsEntry("release-published", true)
                    .containsEntry("rollback-release", false)
                    .containsEntry("test-evidence", false);
            assertThat(empty.get("items").get(1).get("reason").asString()).isEqualTo("no rollback release named");

            var own = manager.send(
                    "PATCH",
                    path(id, "/readiness"),
                    "application/json",
                    ("{\"rollbackReleaseId\":" + release.releaseId()
                                    + ",\"runbookUrl\":\"https://wiki.example.com/r\"}")
                            .getBytes());
            assertThat(own.status()).as(own.body()).isEqualTo(200);
            assertThat(items(own.json())).containsEntry("runbook", true).containsEntry("rollback-release", false);
            assertThat(own.json().get("items").get(1).get("reason").asString()).contains("own release");

            var complete =
                    manager.put(path(id, "/readiness"), CampaignSteps.completeSheet(release.knownGoodReleaseId()));
            assertThat(items(complete.json()))
                    .containsEntry("rollback-release", true)
                    .containsEntry("test-evidence", false);
            var withEvidence = manager.post(path(id, "/evidence"), CampaignSteps.evidence());
            assertThat(withEvidence.status()).isEqualTo(201);
            assertThat(withEvidence.json().get("ready").asBoolean()).isTrue();
            assertThat(withEvidence.json().get("evidence").get(0).get("sha256").asString())
                    .isEqualTo(CampaignSteps.EVIDENCE_SHA256);
        }

        @Test
        void aRollbackReleaseWithoutAnImageForEveryHardwareIdIsUnmet() {
            fleet.vehicle("Other-" + hardwareId, "EU", "1.0.0", "OTHER-" + hardwareId);
            var other = fleet.publish("OTHER-" + hardwareId, "1.0.0", 10);
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            long id = draft(release);
            var answer = manager.put(path(id, "/readiness"), CampaignSteps.completeSheet(other.releaseId()));
            assertThat(items(answer.json())).containsEntry("rollback-release", false);
            assertThat(answer.json().get("items").get(1).get("reason").asString())
                    .contains(hardwareId);
        }

        @Test
        void submissionIsRefusedWhileAnItemIsUnmetAndWritesNothing() {
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            long id = draft(release);
            manager.put(path(id, "/readiness"), CampaignSteps.completeSheet(release.knownGoodReleaseId()));
            long decisions = count("campaign_decision");
            var refused = manager.post(path(id, "/submit"), "");
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.code()).isEqualTo("campaign-not-ready");
            assertThat(refused.json().get("unmet").get(0).get("item").asString())
                    .isEqualTo("test-evidence");
            assertThat(count("campaign_decision")).isEqualTo(decisions);
            assertThat(manager.get(path(id, ""))
                            .json()
                            .get("campaign")
                            .get("status")
                            .asString())
                    .isEqualTo("DRAFT");
        }

        @Test
        void badReadinessInputIsRefusedAndWritesNothing() {
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            long id = draft(release);
            long sheets = count("campaign_readiness");
            long evidence = count("campaign_evidence");
            var ftp = manager.put(path(id, "/readiness"), Map.of("runbookUrl", "ftp://files.example.com/r"));
            assertThat(ftp.status()).isEqualTo(422);
            assertThat(ftp.code()).isEqualTo("invalid-readiness");
            assertThat(manager.put(path(id, "/readiness"), Map.of("incidentContacts", List.of(" ")))
                            .code())
                    .isEqualTo("invalid-readiness");
            assertThat(manager.put(path(id, "/readiness"), Map.of("incidentContacts", List.of("a\nb")))
                            .code())
                    .isEqualTo("invalid-readiness");
            assertThat(manager.post(
                                    path(id, "/evidence"),
                                    Map.of("name", "HIL", "sha256", "xyz", "url", "https://x.example.com"))
                            .code())
                    .isEqualTo("invalid-readiness");
            var malformed = manager.put(path(id, "/readiness"), "{\"runbookUrl\":");
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.code()).isEqualTo("malformed-body");
            assertThat(manager.put(path(987654321, "/readiness"), Map.of()).code())
                    .isEqualTo("campaign-not-found");
            assertThat(count("campaign_readiness")).isEqualTo(sheets);
            assertThat(count("campaign_evidence")).isEqualTo(evidence);
        }

        @Test
        void theCreatorAndTheSubmitterCannotApprove() {
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            long byAdmin = admin.post(
                            "/api/v1/campaigns",
                            Map.of(
                                    "name",
                                    "Self " + hardwareId,
                                    "releaseId",
                                    release.releaseId(),
                                    "filter",
                                    Map.of("model", "Apr-" + hardwareId)))
                    .json()
                    .get("id")
                    .asLong();
            campaignSteps().readyAndSubmitted(admin, byAdmin, release.knownGoodReleaseId());
            long submittedByAdmin = draft(release);
            manager.put(
                    path(submittedByAdmin, "/readiness"), CampaignSteps.completeSheet(release.knownGoodReleaseId()));
            manager.post(path(submittedByAdmin, "/evidence"), CampaignSteps.evidence());
            assertThat(admin.post(path(submittedByAdmin, "/submit"), "").status())
                    .isEqualTo(200);

            long approvals = count("campaign_approval");
            long refusedAudits = refusedAudits();
            for (long id : new long[] {byAdmin, submittedByAdmin}) {
                var answer = approve(admin, id);
                assertThat(answer.status()).as(answer.body()).isEqualTo(403);
                assertThat(answer.code()).isEqualTo("self-approval");
                assertThat(admin.get(path(id, ""))
                                .json()
                                .get("campaign")
                                .get("status")
                                .asString())
                        .isEqualTo("SUBMITTED");
            }
            assertThat(count("campaign_approval")).isEqualTo(approvals);
            assertThat(refusedAudits()).isEqualTo(refusedAudits + 2);
        }

        long refusedAudits() {
            return jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE outcome = 'REFUSED' AND details LIKE :c")
                    .param("c", "%self-approval%")
                    .query(Long.class)
                    .single();
        }

        @Test
        void aHighRiskCampaignNeedsTwoDistinctApprovers() {
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            long id = draft(release);
            campaignSteps().readyAndSubmitted(manager, id, release.knownGoodReleaseId());
            assertThat(manager.get(path(id, ""))
                            .json()
                            .get("campaign")
                            .get("risk")
                            .asString())
                    .isEqualTo("HIGH");
            var first = operatorWith(Role.APPROVER);
            assertThat(approve(first, id).json().get("status").asString()).isEqualTo("SUBMITTED");
            long approvals = count("campaign_approval");
            var twice = approve(first, id);
            assertThat(twice.status()).isEqualTo(409);
            assertThat(twice.code()).isEqualTo("already-approved");
            assertThat(count("campaign_approval")).isEqualTo(approvals);
            assertThat(manager.post(path(id, "/start"), "").status())
                    .as("a release manager cannot start")
                    .isEqualTo(403);
            assertThat(admin.post(path(id, "/start"), "").code()).isEqualTo("campaign-not-startable");
            assertThat(approve(operatorWith(Role.APPROVER), id)
                            .json()
                            .get("status")
                            .asString())
                    .isEqualTo("APPROVED");
            var listed = manager.get(path(id, "/approvals")).json();
            assertThat(listed).hasSize(2);
            assertThat(listed.get(0).get("decision").asString()).isEqualTo("APPROVE");
            assertThat(listed.get(0).get("comment").asString()).isEqualTo("looks good");
            assertThat(admin.post(path(id, "/start"), "").status()).isEqualTo(200);
        }

        @Test
        void aStandardCampaignNeedsOneApprover() {
            var knownGood = fleet.publish(hardwareId, "1.5.0", 15, "TELEMATICS");
            var release = fleet.publish(hardwareId, "2.0.0", 20, "TELEMATICS");
            long id = draft(release);
            campaignSteps().readyAndSubmitted(manager, id, knownGood.releaseId());
            assertThat(manager.get(path(id, ""))
                            .json()
                            .get("campaign")
                            .get("risk")
                            .asString())
                    .isEqualTo("STANDARD");
            assertThat(approve(operatorWith(Role.APPROVER), id)
                            .json()
                            .get("status")
                            .asString())
                    .isEqualTo("APPROVED");
            var late = approve(operatorWith(Role.APPROVER), id);
            assertThat(late.code()).isEqualTo("campaign-not-awaiting-approval");
        }

        @Test
        void aRefusalReturnsTheCampaignToDraftAndEarlierApprovalsStopCounting() {
            var release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            long id = draft(release);
            campaignSteps().readyAndSubmitted(manager, id, release.knownGoodReleaseId());
            var first = operatorWith(Role.APPROVER);
            approve(first, id);
            var second = operatorWith(Role.APPROVER);
            long approvals = count("campaign_approval");
            var bare = second.post(path(id, "/approvals"), Map.of("decision", "REFUSE"));
            assertThat(bare.status()).isEqualTo(422);
            assertThat(bare.code()).isEqualTo("comment-required");
            assertThat(second.post(path(id, "/approvals"), Map.of("decision", "MAYBE"))
                            .code())
                    .isEqualTo("invalid-decision");
            assertThat(count("campaign_approval")).isEqualTo(approvals);

            var refused = second.post(path(id, "/approvals"), Map.of("decision", "REFUSE", "comment", "no HIL on B2"));
            assertThat(refused.status()).as(refused.body()).isEqualTo(200);
            assertThat(refused.json().get("status").asString()).isEqualTo("DRAFT");
            assertThat(manager.send(
                                    "PATCH",
                                    path(id, "/readiness"),
                                    "application/json",
                                    "{\"customerCommunication\":\"Updated text\"}".getBytes())
                            .status())
                    .isEqualTo(200);
            assertThat(manager.post(path(id, "/submit"), "")
                            .json()
                            .get("approvalRound")
                            .asInt())
                    .isEqualTo(2);
            assertThat(approve(second, id).json().get("status").asString())
                    .as("the first approval belonged to the refused round")
                    .isEqualTo("SUBMITTED");
            assertThat(approve(first, id).json().get("status").asString()).isEqualTo("APPROVED");
            List<String> kinds = new ArrayList<>();
            manager.get(path(id, "/decisions"))
                    .json()
                    .forEach(d -> kinds.add(d.get("kind").asString()));
            assertThat(kinds).containsExactly("SUBMIT", "APPROVE", "REFUSE", "SUBMIT", "APPROVE", "APPROVE");
        }
    }

    @Nested
    class OnH2 extends Contract {}
}
