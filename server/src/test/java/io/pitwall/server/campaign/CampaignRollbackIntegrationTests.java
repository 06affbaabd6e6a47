package io.pitwall.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.CampaignSteps;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Recovery from a bad campaign over the real API and device API: the rollback campaign undoes exactly the
 * vehicles the campaign changed, needs two approvers, and is the only way to a lower release counter; a
 * cancel reports which vehicles it stopped before installing and how the others ended.
 */
class CampaignRollbackIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();

    abstract static class Contract extends IntegrationTest {

        TestFleet fleet;
        String hardwareId;
        String model;
        ApiClient manager;
        ApiClient operator;
        TestFleet.PublishedRelease release;
        final Map<String, ApiClient> vehicles = new HashMap<>();
        final Map<String, Integer> seqs = new HashMap<>();

        @BeforeEach
        void fleet() {
            fleet = new TestFleet(jdbc, admin);
            hardwareId =
                    "RB-HW-" + HARDWARE.incrementAndGet() + "-" + getClass().getSimpleName();
            model = "Rollback-" + hardwareId;
            manager = operatorWith(Role.RELEASE_MANAGER);
            operator = operatorWith(Role.FLEET_OPERATOR);
        }

        List<String> vehicles(int n) {
            List<String> vins = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                vins.add(fleet.vehicle(model, "EU", "1.0.0", hardwareId));
            }
            if (release == null) {
                // The validation gate wants the hardware id in the fleet first.
                release = fleet.publishWithKnownGood(hardwareId, "2.0.0", 20);
            }
            return vins;
        }

        long started(long releaseId, long rollbackReleaseId) {
            long id = CampaignSteps.created(manager, "Campaign " + hardwareId, releaseId, model, null);
            campaignSteps().approvedCampaign(manager, id, rollbackReleaseId);
            CampaignSteps.start(operator, id);
            return id;
        }

        static String path(long id, String rest) {
            return "/api/v1/campaigns/" + id + rest;
        }

        JsonNode checkin(String vin) {
            ApiClient vehicle = vehicles.computeIfAbsent(vin, fleet::credentialFor);
            var answer = vehicle.post(
                    "/device/v1/vehicles/" + vin + "/checkin",
                    Map.of("connectivity", "WIFI", "ownerConsent", true, "ecus", List.of()));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer.json();
        }

        /** Checks in and reports the events on the assignment handed out; answers the assignment. */
        JsonNode report(String vin, String... types) {
            JsonNode assignment = checkin(vin).get("assignment");
            List<Object> events = new ArrayList<>();
            for (String type : types) {
                int seq = seqs.merge(vin, 1, Integer::sum);
                var event = new HashMap<String, Object>(Map.of(
                        "seq",
                        seq,
                        "type",
                        type,
                        "occurredAt",
                        Instant.now().toString(),
                        "assignmentId",
                        assignment.get("assignmentId").asString()));
                if (type.endsWith("FAILED") || type.equals("ROLLED_BACK")) {
                    event.put("code", "INSTALL_WRITE_ERROR");
                }
                events.add(event);
            }
            var answer = vehicles.get(vin).post("/device/v1/vehicles/" + vin + "/events", Map.of("events", events));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return assignment;
        }

        String status(long id) {
            return manager.get(path(id, ""))
                    .json()
                    .get("campaign")
                    .get("status")
                    .asString();
        }

        List<String> assignedVins(long id) {
            return jdbc.sql("SELECT vin FROM assignment WHERE campaign_id = ? ORDER BY vin")
                    .params(id)
                    .query((rs, i) -> rs.getString(1).trim())
                    .list();
        }

        /** Every ECU of the fleet with what it runs, as the expected inventory says. */
        Map<String, String> inventory() {
            Map<String, String> ecus = new HashMap<>();
            jdbc.sql("SELECT serial, software_version, image_hash FROM ecu ORDER BY serial")
                    .query(rs -> {
                        ecus.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3));
                    });
            return ecus;
        }

        String knownGoodSha256() {
            return jdbc.sql("""
                    SELECT i.sha256 FROM image i JOIN software_release_image ri ON ri.image_id = i.id
                    WHERE ri.release_id = ?""")
                    .params(release.knownGoodReleaseId())
                    .query(String.class)
                    .single();
        }

        @Test
        void rollbackReturnsEveryChangedVehicleToTheKnownGoodImageAndTouchesNothingElse() {
            List<String> fleetVins = vehicles(6);
            String installed = fleetVins.get(0);
            String failedInstalling = fleetVins.get(1);
            String rolledBackOnItsOwn = fleetVins.get(2);
            String downloadFailed = fleetVins.get(3);
            String delivered = fleetVins.get(4);
            String untouched = fleetVins.get(5);
            String otherModel = fleet.vehicle("Other-" + hardwareId, "EU", "1.0.0", hardwareId);
            long id = started(release.releaseId(), release.knownGoodReleaseId());
            report(installed, "DOWNLOAD_STARTED", "DOWNLOAD_COMPLETED", "INSTALL_STARTED", "INSTALL_COMPLETED");
            report(failedInstalling, "DOWNLOAD_STARTED", "DOWNLOAD_COMPLETED", "INSTALL_STARTED", "INSTALL_FAILED");
            report(rolledBackOnItsOwn, "DOWNLOAD_STARTED", "DOWNLOAD_COMPLETED", "INSTALL_STARTED", "ROLLED_BACK");
            report(downloadFailed, "DOWNLOAD_STARTED", "DOWNLOAD_FAILED");
            assertThat(checkin(delivered)
                            .get("assignment")
                            .path("authorizedRollback")
                            .asBoolean())
                    .isFalse();
            assertThat(operator.post(path(id, "/pause"), "").status()).isEqualTo(200);
            Map<String, String> before = inventory();
            assertThat(before.get(hardwareId + "-" + installed)).startsWith("2.0.0 ");

            var requested = operator.post(path(id, "/rollback"), Map.of("comment", "install failures on rev-B"));

            assertThat(requested.status()).as(requested.body()).isEqualTo(201);
            JsonNode rollback = requested.json();
            long rollbackId = rollback.get("id").asLong();
            assertThat(rollback.get("status").asString()).isEqualTo("SUBMITTED");
            assertThat(rollback.get("rollbackOf").asLong()).isEqualTo(id);
            assertThat(rollback.get("releaseId").asLong()).isEqualTo(release.knownGoodReleaseId());
            assertThat(status(id)).isEqualTo("ROLLING_BACK");
            assertThat(checkin(delivered).has("assignment"))
                    .as("not yet installing: cancelled")
                    .isFalse();
            var again = operator.post(path(id, "/rollback"), Map.of("comment", "twice"));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("code").asString()).isEqualTo("campaign-not-rollbackable");

            List<ApiClient> approvers = campaignSteps().approved(rollbackId);
            assertThat(approvers).as("a rollback always needs two approvers").hasSize(2);
            var start = operator.post(path(rollbackId, "/start"), "");
            assertThat(start.status()).as(start.body()).isEqualTo(200);
            assertThat(assignedVins(rollbackId))
                    .as("exactly the vehicles that began installing")
                    .containsExactlyInAnyOrderElementsOf(List.of(installed, failedInstalling, rolledBackOnItsOwn));

            for (String vin : List.of(installed, failedInstalling, rolledBackOnItsOwn)) {
                JsonNode assignment =
                        report(vin, "DOWNLOAD_STARTED", "DOWNLOAD_COMPLETED", "INSTALL_STARTED", "INSTALL_COMPLETED");
                assertThat(assignment.get("authorizedRollback").asBoolean()).isTrue();
                assertThat(assignment.get("ecus").get(0).get("releaseCounter").asLong())
                        .isEqualTo(15);
            }

            assertThat(status(rollbackId)).isEqualTo("COMPLETED");
            assertThat(status(id)).isEqualTo("ROLLED_BACK");
            assertThat(auditedBySystem("campaign.complete", rollbackId))
                    .as("completed by the last report")
                    .isOne();
            assertThat(auditedBySystem("campaign.rollback.done", id)).isOne();
            Map<String, String> after = inventory();
            for (String vin : List.of(installed, failedInstalling, rolledBackOnItsOwn)) {
                assertThat(after.get(hardwareId + "-" + vin)).isEqualTo("1.5.0 " + knownGoodSha256());
                before.remove(hardwareId + "-" + vin);
                after.remove(hardwareId + "-" + vin);
            }
            assertThat(after).as("every other ECU of the fleet as it was").isEqualTo(before);
            assertThat(before)
                    .containsKeys(
                            hardwareId + "-" + downloadFailed,
                            hardwareId + "-" + untouched,
                            hardwareId + "-" + otherModel);
        }

        long auditedBySystem(String action, long campaign) {
            return jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = ? AND target = ? AND operator = 'system'")
                    .params(action, "campaign:" + campaign)
                    .query(Long.class)
                    .single();
        }

        JsonNode lastDecision(long id, String kind) {
            JsonNode found = null;
            for (JsonNode d : manager.get(path(id, "/decisions")).json()) {
                if (d.get("kind").asString().equals(kind)) {
                    found = d;
                }
            }
            assertThat(found).as("a " + kind + " decision of campaign " + id).isNotNull();
            return found;
        }

        @Test
        void aRefusedOrCancelledRollbackReleasesTheCampaignForAnotherRollback() {
            List<String> vins = vehicles(2);
            long id = started(release.releaseId(), release.knownGoodReleaseId());
            report(vins.get(0), "DOWNLOAD_STARTED", "DOWNLOAD_COMPLETED", "INSTALL_STARTED", "INSTALL_COMPLETED");
            assertThat(operator.post(path(id, "/pause"), "").status()).isEqualTo(200);
            long first = operator.post(path(id, "/rollback"), Map.of("comment", "first"))
                    .json()
                    .get("id")
                    .asLong();
            assertThat(status(id)).isEqualTo("ROLLING_BACK");

            var noReason = operatorWith(Role.APPROVER).post(path(first, "/approvals"), Map.of("decision", "REFUSE"));
            assertThat(noReason.status()).isEqualTo(422);
            assertThat(status(id))
                    .as("a refusal without a reason changes nothing")
                    .isEqualTo("ROLLING_BACK");
            var refused = operatorWith(Role.APPROVER)
                    .post(path(first, "/approvals"), Map.of("decision", "REFUSE", "comment", "wrong known-good image"));
            assertThat(refused.status()).as(refused.body()).isEqualTo(200);
            assertThat(refused.json().get("status").asString())
                    .as("a refused rollback is cancelled")
                    .isEqualTo("CANCELLED");
            JsonNode original = manager.get(path(id, "")).json().get("campaign");
            assertThat(original.get("status").asString()).isEqualTo("PAUSED");
            assertThat(original.get("emergencyHold").asBoolean())
                    .as("resuming needs a fresh approval")
                    .isTrue();
            JsonNode abandoned = lastDecision(id, "ROLLBACK_ABANDONED");
            assertThat(abandoned.get("detail").get("from").asString()).isEqualTo("ROLLING_BACK");
            assertThat(abandoned.get("detail").get("to").asString()).isEqualTo("PAUSED");
            assertThat(abandoned.get("detail").get("rollbackCampaign").asLong()).isEqualTo(first);
            assertThat(abandoned.get("detail").get("reason").asString()).contains("refused", "wrong known-good image");
            var resume = operator.post(path(id, "/resume"), "");
            assertThat(resume.status()).isEqualTo(409);
            assertThat(resume.json().get("code").asString()).isEqualTo("resume-needs-approval");

            var second = operator.post(path(id, "/rollback"), Map.of("comment", "second"));
            assertThat(second.status()).as(second.body()).isEqualTo(201);
            long secondId = second.json().get("id").asLong();
            assertThat(status(id)).isEqualTo("ROLLING_BACK");
            campaignSteps().approved(secondId);
            assertThat(operator.post(path(secondId, "/start"), "").status()).isEqualTo(200);
            assertThat(operator.post(path(secondId, "/cancel"), "").status()).isEqualTo(200);
            assertThat(status(secondId)).isEqualTo("CANCELLED");
            assertThat(status(id)).isEqualTo("PAUSED");
            assertThat(lastDecision(id, "ROLLBACK_ABANDONED")
                            .get("detail")
                            .get("rollbackCampaign")
                            .asLong())
                    .isEqualTo(secondId);
            assertThat(jdbc.sql("""
                    SELECT COUNT(*) FROM audit_record WHERE action = 'campaign.rollback.abandon' AND target = ?""").params("campaign:" + id).query(Long.class).single())
                    .isEqualTo(2);

            long third = operator.post(path(id, "/rollback"), Map.of("comment", "third"))
                    .json()
                    .get("id")
                    .asLong();
            campaignSteps().approved(third);
            assertThat(operator.post(path(third, "/start"), "").status()).isEqualTo(200);
            report(vins.get(0), "DOWNLOAD_STARTED", "DOWNLOAD_COMPLETED", "INSTALL_STARTED", "INSTALL_COMPLETED");
            assertThat(status(third)).isEqualTo("COMPLETED");
            assertThat(status(id)).isEqualTo("ROLLED_BACK");
            assertThat(jdbc.sql("SELECT id FROM campaign WHERE rollback_of = ? ORDER BY id")
                            .params(id)
                            .query(Long.class)
                            .list())
                    .as("every rollback keeps its link")
                    .containsExactly(first, secondId, third);
        }

        @Test
        void theRequesterCannotApproveARollbackAndOneApproverIsNotEnough() {
            String vin = vehicles(1).get(0);
            long id = started(release.releaseId(), release.knownGoodReleaseId());
            report(vin, "DOWNLOAD_STARTED", "DOWNLOAD_COMPLETED", "INSTALL_STARTED", "INSTALL_COMPLETED");
            ApiClient requester = operatorWith(Role.ADMIN);
            long rollbackId = requester
                    .post(path(id, "/rollback"), Map.of("comment", "bad"))
                    .json()
                    .get("id")
                    .asLong();

            var self = requester.post(path(rollbackId, "/approvals"), Map.of("decision", "APPROVE"));
            assertThat(self.status()).isEqualTo(403);
            assertThat(self.json().get("code").asString()).isEqualTo("self-approval");
            var first = operatorWith(Role.APPROVER).post(path(rollbackId, "/approvals"), Map.of("decision", "APPROVE"));
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.json().get("status").asString())
                    .as("one approver is not enough")
                    .isEqualTo("SUBMITTED");
            var early = operator.post(path(rollbackId, "/start"), "");
            assertThat(early.status()).isEqualTo(409);
            assertThat(assignedVins(rollbackId)).isEmpty();
            var second =
                    operatorWith(Role.APPROVER).post(path(rollbackId, "/approvals"), Map.of("decision", "APPROVE"));
            assertThat(second.json().get("status").asString()).isEqualTo("APPROVED");
        }

        @Test
        void badRollbackRequestsAreRefusedAndNothingIsWritten() {
            String vin = vehicles(1).get(0);
            long id = started(release.releaseId(), release.knownGoodReleaseId());
            report(vin, "DOWNLOAD_STARTED");
            long campaigns = count("campaign");
            long decisions = count("campaign_decision");

            var running = operator.post(path(id, "/rollback"), Map.of("comment", "still running"));
            var noComment = operator.post(path(id, "/rollback"), Map.of("comment", " "));
            var unknown = operator.post(path(999_999, "/rollback"), Map.of("comment", "who"));
            var reader = operatorWith(Role.VIEWER).post(path(id, "/rollback"), Map.of("comment", "me"));

            assertThat(running.status()).isEqualTo(409);
            assertThat(running.json().get("code").asString()).isEqualTo("campaign-not-rollbackable");
            assertThat(noComment.status()).isEqualTo(422);
            assertThat(noComment.json().get("code").asString()).isEqualTo("comment-required");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(reader.status()).isEqualTo(403);
            assertThat(count("campaign")).isEqualTo(campaigns);
            assertThat(count("campaign_decision")).isEqualTo(decisions);
            assertThat(status(id)).isEqualTo("RUNNING");
            assertThat(jdbc.sql("SELECT status FROM assignment WHERE campaign_id = ?")
                            .params(id)
                            .query(String.class)
                            .single())
                    .isEqualTo("DOWNLOADING");
        }

        @Test
        void aNormalCampaignCannotLowerAReleaseCounter() {
            List<String> vins = vehicles(2);
            long id = started(release.releaseId(), release.knownGoodReleaseId());
            for (String vin : vins) {
                report(vin, "DOWNLOAD_STARTED", "DOWNLOAD_COMPLETED", "INSTALL_STARTED", "INSTALL_COMPLETED");
            }
            assertThat(status(id)).isEqualTo("COMPLETED");

            long downgrade = started(release.knownGoodReleaseId(), release.releaseId());

            assertThat(assignedVins(downgrade))
                    .as("the downgrade rule excludes every vehicle")
                    .isEmpty();
            for (String vin : vins) {
                assertThat(checkin(vin).has("assignment")).isFalse();
                assertThat(inventory().get(hardwareId + "-" + vin)).startsWith("2.0.0 ");
            }
        }

        @Test
        void theCancelReportSaysWhichVehiclesWereCancelledFinishedOrRolledBack() {
            List<String> vins = vehicles(5);
            String done = vins.get(0);
            String installingThenDone = vins.get(1);
            String installingThenRolledBack = vins.get(2);
            String delivered = vins.get(3);
            String pending = vins.get(4);
            long id = started(release.releaseId(), release.knownGoodReleaseId());
            report(done, "DOWNLOAD_STARTED", "DOWNLOAD_COMPLETED", "INSTALL_STARTED", "INSTALL_COMPLETED");
            report(installingThenDone, "DOWNLOAD_STARTED", "DOWNLOAD_COMPLETED", "INSTALL_STARTED");
            report(installingThenRolledBack, "DOWNLOAD_STARTED", "DOWNLOAD_COMPLETED", "INSTALL_STARTED");
            report(delivered, "DOWNLOAD_STARTED");

            assertThat(operator.post(path(id, "/cancel"), "").status()).isEqualTo(200);
            assertThat(checkin(delivered).has("assignment"))
                    .as("the cancel reaches the vehicle")
                    .isFalse();
            assertThat(checkin(pending).has("assignment")).isFalse();
            assertThat(checkin(installingThenDone).get("assignment").get("assignmentId"))
                    .isNotNull();
            report(installingThenDone, "INSTALL_COMPLETED");
            report(installingThenRolledBack, "ROLLED_BACK");

            var report = operatorWith(Role.VIEWER).get(path(id, "/cancel-report"));
            assertThat(report.status()).as(report.body()).isEqualTo(200);
            JsonNode json = report.json();
            assertThat(json.get("status").asString()).isEqualTo("CANCELLED");
            assertThat(vins(json.get("cancelledBeforeInstalling"))).containsExactlyInAnyOrder(delivered, pending);
            assertThat(vins(json.get("finished"))).containsExactlyInAnyOrder(done, installingThenDone);
            assertThat(vins(json.get("rolledBack"))).containsExactly(installingThenRolledBack);
            assertThat(json.get("stillInstalling").get("count").asLong()).isZero();
            assertThat(json.get("cancelledBeforeInstalling").get("count").asLong())
                    .isEqualTo(2);
            assertThat(operatorWith(Role.VIEWER)
                            .get(path(999_999, "/cancel-report"))
                            .status())
                    .isEqualTo(404);
        }

        static List<String> vins(JsonNode group) {
            List<String> vins = new ArrayList<>();
            group.get("vins").forEach(v -> vins.add(v.asString()));
            return vins;
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
