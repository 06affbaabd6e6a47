package io.pitwall.cli;

import io.pitwall.client.CampaignProgress;
import io.pitwall.client.ManagementClient;
import io.pitwall.simulator.Pacing;
import io.pitwall.simulator.ProgressPrinter;
import io.pitwall.simulator.Provisioning;
import io.pitwall.simulator.Reports;
import io.pitwall.simulator.Seeds;
import io.pitwall.simulator.Simulation;
import io.pitwall.simulator.UptaneRoots;
import io.pitwall.simulator.fault.FaultProfile;
import io.pitwall.simulator.fleet.Fleet;
import io.pitwall.simulator.fleet.FleetMix;
import io.pitwall.simulator.run.TickScheduler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What {@code sim} and {@code demo} share: provision a seeded fleet, drive it with progress, summarize it. */
final class FleetSession implements AutoCloseable {

    private final Simulation simulation;
    private final Supplier<List<CampaignProgress>> campaigns;
    private final PrintStream out;
    private ProgressPrinter progress;

    private FleetSession(Simulation simulation, Supplier<List<CampaignProgress>> campaigns, PrintStream out) {
        this.simulation = simulation;
        this.campaigns = campaigns;
        this.out = out;
    }

    /** Imports the fleet, issues its credentials, reads the image keys and assembles the simulation. */
    static FleetSession provision(
            PrintStream out,
            ManagementClient client,
            Seeds seeds,
            int vehicles,
            FleetMix mix,
            FaultProfile faults,
            Pacing pacing,
            Path stateDir,
            int concurrency,
            Supplier<List<CampaignProgress>> campaigns) {
        Fleet fleet = seeds.fleet(vehicles, mix);
        out.printf(
                "Provisioning %d vehicles (seed %d, VINs PWS%s000000001…) through %s%n",
                vehicles, seeds.seed(), seeds.vinTag(), client.base());
        Map<String, String> tokens = Provisioning.provision(client, fleet);
        Simulation simulation = Simulation.builder(client.base())
                .fleet(fleet)
                .credentials(tokens)
                .trustedKeys(client.imageKeys())
                .uptane(UptaneRoots.fetch(client.base(), tokens))
                .faults(faults)
                .seeds(seeds)
                .pacing(pacing)
                .stateDir(stateDir)
                .maxConcurrentTicks(concurrency)
                .build();
        out.printf(
                "Fault profile '%s'; ticks on %s%n",
                faults.name(),
                TickScheduler.usesVirtualThreads()
                        ? "virtual threads"
                        : "a pool of " + concurrency + " platform threads (no virtual threads in this JDK)");
        return new FleetSession(simulation, campaigns, out);
    }

    void start() {
        simulation.start();
        progress = ProgressPrinter.start(simulation, campaigns, out, Duration.ofSeconds(1));
    }

    Simulation simulation() {
        return simulation;
    }

    /** Stops the fleet and prints the summary (campaigns as the server reports them now, if it can be reached). */
    void finish() {
        close();
        List<CampaignProgress> finalCampaigns;
        try {
            finalCampaigns = campaigns.get();
        } catch (RuntimeException e) {
            finalCampaigns = List.of();
            out.println("(the server could not be reached for the campaign counts: " + e.getMessage() + ")");
        }
        out.print(Reports.summary(simulation.snapshot(), finalCampaigns));
        out.flush();
    }

    @Override
    public void close() {
        if (progress != null) {
            progress.close();
        }
        simulation.close();
    }
}
