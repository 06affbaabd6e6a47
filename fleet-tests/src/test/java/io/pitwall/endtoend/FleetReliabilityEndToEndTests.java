package io.pitwall.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.client.CampaignProgress;
import io.pitwall.server.support.LocalServer;
import io.pitwall.simulator.fault.FaultProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server and 200 real agents per scenario over real HTTP on 127.0.0.1 (file H2), each scenario a
 * campaign over its own freshly provisioned fleet. Whatever goes wrong on the way — nothing, killed agents,
 * a server restart, 30 % failing requests, duplicated and reordered event batches — the campaign ends with
 * the same exact counts: no event lost, none double-counted, no ECU installed more often than the fault
 * rules make necessary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetReliabilityEndToEndTests {

    private Path dir;
    private LocalServer server;
    private FleetRuns runs;

    @BeforeAll
    void startServer(@TempDir Path tempDir) {
        dir = tempDir;
        server = LocalServer.onH2(dir.resolve("server")).start();
        runs = new FleetRuns(server);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private void assertExact(FleetRuns.FleetRun run) {
        CampaignProgress progress = runs.progress(run.campaignId());
        FleetAssertions.assertExact(run, runs.release(), progress, server.jdbc());
    }

    @Test
    void aCleanRunEndsWithExactCountsAndRemoteCommandsAreAnswered() {
        List<String> commands = new ArrayList<>();
        var run = runs.run("e2e-clean", 11, FleetRuns.RULES, dir.resolve("clean"), (simulation, campaign) -> {
            for (var vehicle : simulation.vehicles().subList(0, 3)) {
                commands.add(server.admin()
                        .requestCommand(
                                vehicle.vin(), "READ_DATA", Map.of("signals", "Vehicle.Speed"), "end-to-end check"));
            }
        });
        assertExact(run);
        assertThat(run.simulation().snapshot().counts().droppedBeforeSending()).isZero();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(commands)
                        .allSatisfy(id -> assertThat(server.admin().command(id))
                                .matches("SUCCEEDED OK \\{\"Vehicle.Speed\":[0-9.]+}")));
    }

    @Test
    void agentsKilledMidDownloadAndMidInstallResumeFromTheirFiles() {
        FaultProfile faults = FleetRuns.RULES.withCrashes(0.3, 0.3);
        var run = runs.run("e2e-crash", 12, faults, dir.resolve("crash"), (simulation, campaign) -> {});
        assertExact(run);
        var snapshot = run.simulation().snapshot();
        assertThat(run.simulation().vehicles().stream()
                        .filter(v -> v.crashPlan().killedDuringDownload())
                        .count())
                .as("agents killed mid-download")
                .isGreaterThan(30);
        assertThat(run.simulation().vehicles().stream()
                        .filter(v -> v.crashPlan().killedDuringInstall())
                        .count())
                .as("agents killed mid-install")
                .isGreaterThan(30);
        assertThat(snapshot.counts().downloadsResumed())
                .as("downloads resumed with a Range request")
                .isGreaterThan(30);
    }

    @Test
    void aServerRestartMidCampaignLosesNothing() {
        var run = runs.run(
                "e2e-restart",
                13,
                FleetRuns.RULES.withVehicleConditions(0.2, 0.3),
                dir.resolve("restart"),
                runs.restartingTheServerMidway());
        assertExact(run);
    }

    @Test
    void thirtyPercentOfRequestsFailingChangesNothing() {
        var run = runs.run(
                "e2e-lossy",
                14,
                FleetRuns.RULES.withNetworkDropRate(0.3).withVehicleConditions(0.2, 0.3),
                dir.resolve("lossy"),
                (simulation, campaign) -> {});
        assertExact(run);
        var counts = run.simulation().snapshot().counts();
        assertThat((double) (counts.droppedBeforeSending() + counts.droppedAfterSending()) / counts.requests())
                .isBetween(0.25, 0.35);
    }

    @Test
    void duplicatedAndReorderedEventBatchesAreStoredOnce() {
        var run = runs.run(
                "e2e-chaos",
                15,
                FleetRuns.RULES.withBatchChaos(0.3, 0.3),
                dir.resolve("chaos"),
                (simulation, campaign) -> {});
        assertExact(run);
        var counts = run.simulation().snapshot().counts();
        assertThat(counts.batchesDuplicated()).isGreaterThan(100);
        assertThat(counts.batchesReordered()).isGreaterThan(100);
        assertThat(counts.eventsSent())
                .isGreaterThan(run.simulation().snapshot().eventsProduced());
    }
}
