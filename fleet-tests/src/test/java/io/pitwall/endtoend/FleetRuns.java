package io.pitwall.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.client.CampaignFilter;
import io.pitwall.client.CampaignProgress;
import io.pitwall.client.ManagementClient;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.server.support.LocalServer;
import io.pitwall.simulator.CampaignSignOff;
import io.pitwall.simulator.DemoRelease;
import io.pitwall.simulator.Pacing;
import io.pitwall.simulator.ProgressPrinter;
import io.pitwall.simulator.Provisioning;
import io.pitwall.simulator.Reports;
import io.pitwall.simulator.Seeds;
import io.pitwall.simulator.Simulation;
import io.pitwall.simulator.fault.FaultProfile;
import io.pitwall.simulator.fault.InstallFault;
import io.pitwall.simulator.fleet.Fleet;
import io.pitwall.simulator.fleet.FleetMix;
import io.pitwall.simulator.run.SimulatedVehicle;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one campaign over a freshly provisioned simulated fleet against a {@link LocalServer}: import and
 * credentials through the API, one release for the whole server (published after the first import), a
 * campaign targeting the fleet's tag, the fleet driven until the campaign is COMPLETED and every vehicle
 * has delivered every event.
 */
final class FleetRuns {

    static final int VEHICLES = 200;
    /** ADAS updates never boot healthy (rollback); BMS-HW-8 flash writes always fail (install failure). */
    static final FaultProfile RULES = FaultProfile.CLEAN.withInstallFaults(
            List.of(new InstallFault("ADAS-HW-9", null, 0, 1), new InstallFault("BMS-HW-8", null, 1, 0)));

    private static final Duration LIMIT = Duration.ofSeconds(240);
    private final LocalServer server;
    private DemoRelease.Published release;
    private DemoRelease.Published knownGood;
    private ManagementClient reader;

    /** Something to do while the campaign runs (restart the server, say). */
    @FunctionalInterface
    interface Midway {
        void during(Simulation simulation, long campaignId);
    }

    /** A finished run: the fleet, its (closed) simulation and the campaign it ran. */
    record FleetRun(String tag, Fleet fleet, Simulation simulation, long campaignId, FaultProfile faults) {

        SimulatedVehicle vehicle(String vin) {
            return simulation.vehicle(vin).orElseThrow();
        }
    }

    FleetRuns(LocalServer server) {
        this.server = server;
    }

    DemoRelease.Published release() {
        return release;
    }

    FleetRun run(String tag, long seed, FaultProfile faults, Path stateDir, Midway midway) {
        ManagementClient admin = server.admin();
        Seeds seeds = new Seeds(seed);
        Fleet fleet = seeds.fleet(VEHICLES, FleetMix.standard().withTags(List.of("sim", tag)));
        Map<String, String> tokens = Provisioning.provision(admin, fleet);
        if (release == null) {
            knownGood = DemoRelease.publishKnownGood(admin, 2026, "End-to-end known-good", "2025.4");
            release = DemoRelease.publish(admin, 2026, "End-to-end release", "2026.1");
        }
        List<TufKey> keys = admin.imageKeys();
        Simulation simulation = Simulation.builder(server.base())
                .fleet(fleet)
                .credentials(tokens)
                .trustedKeys(keys)
                .faults(faults)
                .seeds(seeds)
                .pacing(Pacing.fast())
                .stateDir(stateDir)
                .maxConcurrentTicks(32)
                .build();
        long campaign;
        try (simulation;
                var progress = ProgressPrinter.start(simulation, () -> List.of(), System.out, Duration.ofSeconds(2))) {
            simulation.start();
            long id = admin.createCampaign("End-to-end " + tag, release.releaseId(), CampaignFilter.tagged(tag));
            CampaignSignOff.signOff(admin, id, knownGood.releaseId(), "approver-" + tag);
            admin.startCampaign(id);
            midway.during(simulation, id);
            await().atMost(LIMIT)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> completed(id) && settled(simulation));
            campaign = id;
            System.out.println(Reports.summary(simulation.snapshot(), List.of(progress(id))));
        }
        return new FleetRun(tag, fleet, simulation, campaign, faults);
    }

    /** Stops the server once the campaign is under way but far from done, and starts it again on the same database. */
    Midway restartingTheServerMidway() {
        return (simulation, campaign) -> {
            await().atMost(LIMIT)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> simulation.vehicles().stream()
                                    .filter(v -> v.outcome().isPresent())
                                    .count()
                            >= 10);
            long finishedBefore = simulation.vehicles().stream()
                    .filter(v -> v.outcome().isPresent())
                    .count();
            server.stop();
            assertThat(finishedBefore).as("the restart comes mid-campaign").isLessThan(VEHICLES / 2);
            server.start();
        };
    }

    static boolean settled(Simulation simulation) {
        return simulation.vehicles().stream().allMatch(v -> !v.isDown() && v.pendingEvents() == 0);
    }

    /** Campaign progress as the test polls it: with a token, as the password hash is slow on purpose. */
    CampaignProgress progress(long campaign) {
        if (reader == null) {
            reader = server.admin().withNewToken("end-to-end reader", Set.of("campaign:read"), Duration.ofHours(1));
        }
        return reader.campaign(campaign);
    }

    private boolean completed(long campaign) {
        try {
            return "COMPLETED".equals(progress(campaign).status());
        } catch (UncheckedIOException e) {
            return false;
        }
    }
}
