package io.pitwall.simulator;

import io.pitwall.client.CampaignProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prints one progress line per period on its own daemon thread: the fleet by agent state, pending events,
 * and the campaigns the supplier reads from the server (a server that cannot be reached is said so).
 */
public final class ProgressPrinter implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pitwall-sim-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final Simulation simulation;
    private final Supplier<List<CampaignProgress>> campaigns;
    private final PrintStream out;

    private ProgressPrinter(Simulation simulation, Supplier<List<CampaignProgress>> campaigns, PrintStream out) {
        this.simulation = simulation;
        this.campaigns = campaigns;
        this.out = out;
    }

    public static ProgressPrinter start(
            Simulation simulation, Supplier<List<CampaignProgress>> campaigns, PrintStream out, Duration every) {
        ProgressPrinter printer = new ProgressPrinter(simulation, campaigns, out);
        printer.timer.scheduleAtFixedRate(printer::print, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return printer;
    }

    private void print() {
        List<CampaignProgress> current = List.of();
        String error = null;
        try {
            current = campaigns.get();
        } catch (RuntimeException e) {
            error = "unreachable (" + e.getMessage() + ")";
        }
        out.println(Reports.progressLine(simulation.snapshot(), current, error));
    }

    /** Stops printing; a line being printed (its server call) may finish first. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            timer.shutdownNow();
        }
    }
}
