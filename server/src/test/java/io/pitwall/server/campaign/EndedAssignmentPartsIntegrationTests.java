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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A vehicle with several ECUs whose assignment ends through one of them (a rollback or a failure): the other
 * parts do not stay in progress inside the finished assignment. A part the vehicle had not begun installing is
 * cancelled; one it was installing is timed out, and a completion it reports later still counts.
 */
class EndedAssignmentPartsIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();

    abstract static class Contract extends IntegrationTest {

        TestFleet fleet;
        ApiClient manager;
        String hwA;
        String hwB;
        String hwC;
        String model;
        long seq;

        @BeforeEach
        void fleet() {
            fleet = new TestFleet(jdbc, admin);
            manager = operatorWith(Role.RELEASE_MANAGER);
            String hardwareId =
                    "PARTS-HW-" + HARDWARE.incrementAndGet() + "-" + getClass().getSimpleName();
            hwA = hardwareId + "-A";
            hwB = hardwareId + "-B";
            hwC = hardwareId + "-C";
            model = "Parts-" + hardwareId;
        }

        @Test
        void whenOneEcuRollsBackThePartsNotYetInstallingAreCancelledAndTheInstalledOneStays() {
            String vin = fleet.vehicle(model, "EU", "1.0.0", hwA, hwB, hwC);
            long campaign = startedBundleCampaign();
            ApiClient vehicle = fleet.credentialFor(vin);
            String assignment = assignmentOf(vehicle, vin);

            report(vehicle, vin, assignment, null, "DOWNLOAD_STARTED", "DOWNLOAD_COMPLETED");
            report(vehicle, vin, assignment, hwA, "INSTALL_STARTED", "INSTALL_COMPLETED");
            report(vehicle, vin, assignment, hwB, "INSTALL_STARTED", "ROLLED_BACK");

            assertThat(assignmentStatus(vin, campaign)).isEqualTo("ROLLED_BACK");
            assertThat(parts(vin, campaign))
                    .containsExactly(
                            Map.entry(hwA + "-" + vin, "SUCCEEDED"),
                            Map.entry(hwB + "-" + vin, "ROLLED_BACK"),
                            Map.entry(hwC + "-" + vin, "CANCELLED"));
            assertThat(failureCode(hwC + "-" + vin)).isEqualTo("ASSIGNMENT_ROLLED_BACK");
            assertThat(openParts(campaign))
                    .as("no part in progress inside a finished assignment")
                    .isZero();
            assertThat(status(campaign)).isEqualTo("COMPLETED");

            report(vehicle, vin, assignment, hwC, "INSTALL_STARTED", "INSTALL_COMPLETED");
            assertThat(parts(vin, campaign))
                    .as("a cancelled part stays cancelled")
                    .containsEntry(hwC + "-" + vin, "CANCELLED");
        }

        @Test
        void whenOneEcuFailsAPartBeingInstalledTimesOutAndItsLaterCompletionStillCounts() {
            String vin = fleet.vehicle(model, "EU", "1.0.0", hwA, hwB, hwC);
            long campaign = startedBundleCampaign();
            ApiClient vehicle = fleet.credentialFor(vin);
            String assignment = assignmentOf(vehicle, vin);

            report(vehicle, vin, assignment, null, "DOWNLOAD_STARTED", "DOWNLOAD_COMPLETED");
            report(vehicle, vin, assignment, hwA, "INSTALL_STARTED");
            report(vehicle, vin, assignment, hwB, "INSTALL_STARTED", "INSTALL_FAILED");

            assertThat(assignmentStatus(vin, campaign)).isEqualTo("FAILED");
            assertThat(parts(vin, campaign))
                    .containsExactly(
                            Map.entry(hwA + "-" + vin, "TIMED_OUT"),
                            Map.entry(hwB + "-" + vin, "FAILED"),
                            Map.entry(hwC + "-" + vin, "CANCELLED"));
            assertThat(openParts(campaign)).isZero();
            assertThat(jdbc.sql("""
                    SELECT COUNT(*) FROM assignment_ecu x JOIN assignment a ON a.id = x.assignment_id
                    WHERE a.campaign_id = :c AND x.status IN ('FAILED', 'ROLLED_BACK')""").param("c", campaign).query(Long.class).single())
                    .as("only the failed ECU counts as failing at the gate")
                    .isOne();

            report(vehicle, vin, assignment, hwA, "INSTALL_COMPLETED");
            assertThat(parts(vin, campaign)).containsEntry(hwA + "-" + vin, "SUCCEEDED");
            assertThat(assignmentStatus(vin, campaign)).isEqualTo("FAILED");
            assertThat(jdbc.sql("SELECT software_version FROM ecu WHERE serial = :s")
                            .param("s", hwA + "-" + vin)
                            .query(String.class)
                            .single())
                    .as("the install the vehicle confirmed is in the inventory")
                    .isEqualTo("2.0.0");
        }

        long startedBundleCampaign() {
            long rollbackRelease = bundle("1.5.0", 15);
            long release = bundle("2.0.0", 20);
            long id = CampaignSteps.created(manager, "Parts " + model, release, model, null);
            campaignSteps().approvedAndStarted(manager, id, rollbackRelease);
            return id;
        }

        /** One release with an image (version, counter) per hardware id; answers its id. */
        long bundle(String version, long counter) {
            return fleet.publishBundle("Bundle " + model + " " + version, List.of(hwA, hwB, hwC), version, counter);
        }

        String assignmentOf(ApiClient vehicle, String vin) {
            var answer = vehicle.post(
                    "/device/v1/vehicles/" + vin + "/checkin",
                    Map.of("connectivity", "WIFI", "ownerConsent", true, "ecus", List.of()));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer.json().get("assignment").get("assignmentId").asString();
        }

        /** Reports the events in order, for one ECU (or the whole vehicle when {@code hardwareId} is null). */
        void report(ApiClient vehicle, String vin, String assignment, String hardwareId, String... types) {
            List<Object> events = new ArrayList<>();
            for (String type : types) {
                var event = new HashMap<String, Object>(Map.of(
                        "seq",
                        ++seq,
                        "type",
                        type,
                        "occurredAt",
                        Instant.now().toString(),
                        "assignmentId",
                        assignment));
                if (hardwareId != null) {
                    event.put("ecuSerial", hardwareId + "-" + vin);
                }
                if (type.equals("INSTALL_FAILED") || type.equals("ROLLED_BACK")) {
                    event.put("code", "INSTALL_WRITE_ERROR");
                }
                events.add(event);
            }
            var answer = vehicle.post("/device/v1/vehicles/" + vin + "/events", Map.of("events", events));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }

        String assignmentStatus(String vin, long campaign) {
            return jdbc.sql("SELECT status FROM assignment WHERE vin = :v AND campaign_id = :c")
                    .param("v", vin)
                    .param("c", campaign)
                    .query(String.class)
                    .single();
        }

        Map<String, String> parts(String vin, long campaign) {
            Map<String, String> parts = new LinkedHashMap<>();
            jdbc.sql("""
                    SELECT x.ecu_serial, x.status FROM assignment_ecu x JOIN assignment a ON a.id = x.assignment_id
                    WHERE a.vin = :v AND a.campaign_id = :c ORDER BY x.ecu_serial""").param("v", vin).param("c", campaign).query(rs -> {
                parts.put(rs.getString(1), rs.getString(2));
            });
            return parts;
        }

        String failureCode(String serial) {
            return jdbc.sql("SELECT failure_code FROM assignment_ecu WHERE ecu_serial = :s")
                    .param("s", serial)
                    .query(String.class)
                    .single();
        }

        long openParts(long campaign) {
            return jdbc.sql("""
                    SELECT COUNT(*) FROM assignment_ecu x JOIN assignment a ON a.id = x.assignment_id
                    WHERE a.campaign_id = :c AND a.status IN ('SUCCEEDED', 'FAILED', 'ROLLED_BACK', 'CANCELLED', 'TIMED_OUT')
                    AND x.status IN ('PENDING', 'DELIVERED', 'DOWNLOADING', 'DOWNLOADED', 'INSTALLING')""").param("c", campaign).query(Long.class).single();
        }

        String status(long campaign) {
            return manager.get("/api/v1/campaigns/" + campaign)
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
