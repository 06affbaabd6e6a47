package io.pitwall.cli;

import io.pitwall.server.PitwallServerApplication;
import io.pitwall.simulator.CampaignSignOff;
import io.pitwall.simulator.DemoRelease;
import io.pitwall.simulator.Pacing;
import io.pitwall.simulator.Seeds;
import io.pitwall.simulator.api.CampaignFilter;
import io.pitwall.simulator.api.CampaignProgress;
import io.pitwall.simulator.api.ManagementClient;
import io.pitwall.simulator.fault.FaultProfile;
import io.pitwall.simulator.fleet.FleetMix;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the whole vehicle path on this machine: starts a fresh server on the embedded database "
                + "(the demo data directory is wiped at every start), provisions a seeded fleet, uploads and publishes "
                + "signed demo firmware (and its known-good predecessor), has the campaign's readiness filled in, submitted and "
                + "approved by two new approver operators, starts it and drives the fleet with the simulator (the real agent "
                + "code) under realistic faults, with a progress line per second and a summary at the end.",
            "Without --until-done the server keeps running after the summary until Ctrl-C."})
class DemoCommand implements Callable<Integer> {

    private static volatile boolean serving;

    @Option(names = "--vehicles", defaultValue = "500", paramLabel = "N",
            description = "Fleet size (default: ${DEFAULT-VALUE}).")
    int vehicles;

    @Option(names = "--until-done", description = "Exit when the campaign has ended: 0 if it COMPLETED, 1 otherwise "
            + "(also when --timeout passes first).")
    boolean untilDone;

    @Option(names = "--data-dir", defaultValue = "./data/demo", paramLabel = "DIR",
            description = "Demo data directory, wiped at start (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--seed", defaultValue = "2026", paramLabel = "S", description = "Seed of the fleet, its faults "
            + "and the firmware (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--timeout", defaultValue = "10m", paramLabel = "D", converter = DurationConverter.class,
            description = "Longest wait for the campaign to end (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static boolean serving() {
        return serving;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (vehicles < 1 || vehicles > 100_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--vehicles must be between 1 and 100,000");
        }
        if (port < 1 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be between 1 and 65535");
        }
        PrintStream out = System.out;
        Path dir = DemoDirectory.wipe(dataDir, spec.commandLine());
        String password = DemoDirectory.newPassword();
        out.printf("Pitwall demo: a fresh server, fleet and campaign in %s (wiped at every start)%n", dir);
        ConfigurableApplicationContext server = start(dir, password);
        URI base = URI.create("http://localhost:" + port);
        out.printf("Server:   %s  (API docs %s/swagger-ui.html)%nOperator: admin / %s%n", base, base, password);
        ManagementClient admin = ManagementClient.basic(base, "admin", password);
        ManagementClient reader = admin.withNewToken("demo progress", Set.of("campaign:read"), Duration.ofDays(1));
        AtomicLong campaign = new AtomicLong(-1);
        FleetSession session = FleetSession.provision(out, admin, new Seeds(seed), vehicles,
                FleetMix.standard().withTags(List.of("sim", "demo")), FaultProfile.DEMO, Pacing.demo(),
                dir.resolve("agents"), 64, () -> campaign.get() < 0 ? List.of() : List.of(reader.campaign(campaign.get())));
        DemoRelease.Published knownGood = DemoRelease.publishKnownGood(admin, seed, "Demo known-good 2025.4", "2025.4");
        DemoRelease.Published release = DemoRelease.publish(admin, seed, "Demo release 2026.1", "2026.1");
        long id = admin.createCampaign("Demo rollout 2026.1", release.releaseId(), CampaignFilter.tagged("demo"));
        admin.planWaves(id, DemoWaves.plan());
        out.printf("Campaign %d: waves %s; each gate checks failures by category, the reconciler expands%n", id,
                DemoWaves.DESCRIPTION);
        CampaignSignOff.SignedOff signedOff = CampaignSignOff.signOff(admin, id, knownGood.releaseId(), "demo-approver");
        out.printf("Campaign %d: readiness met (rollback to release %d), submitted by admin, risk %s, approved by %s%n",
                id, knownGood.releaseId(), signedOff.risk(), String.join(" and ", signedOff.approvers()));
        campaign.set(id);
        CampaignProgress started = admin.startCampaign(id);
        out.printf("Campaign %d \"%s\": release %d (%d images) to %d vehicles%n", started.id(), started.name(),
                release.releaseId(), release.targets().size(), started.assignments());
        boolean completed = drive(session, reader, campaign.get());
        out.printf("Waves: %s%n", String.join(", ", reader.waves(id)));
        out.printf("API docs: %s/swagger-ui.html   Operator: admin / %s%n", base, password);
        if (untilDone) {
            server.close();
            return completed ? 0 : 1;
        }
        serving = true;
        out.println("The server keeps running; Ctrl-C stops it.");
        return 0;
    }

    private ConfigurableApplicationContext start(Path dir, String password) {
        String[] args = {"--pitwall.data-dir=" + dir,
            "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").resolve("pitwall") + ";DB_CLOSE_ON_EXIT=FALSE",
            "--server.port=" + port, "--server.address=127.0.0.1", "--pitwall.access.admin-password=" + password,
            // Demo pacing: idle vehicles check in every few seconds; busy ones work without waiting for check-ins.
            "--pitwall.device.poll-idle-seconds=3", "--pitwall.device.poll-active-seconds=10",
            "--pitwall.campaign.reconcile-interval=2s",
            "--logging.threshold.console=WARN", "--logging.level.org.springdoc=ERROR",
            "--logging.level.org.flywaydb=ERROR", "--spring.main.banner-mode=off"};
        try {
            return SpringApplication.run(PitwallServerApplication.class, args);
        } catch (RuntimeException e) {
            if (Pitwall.rootMessage(e).contains("already in use")) {
                throw new IllegalStateException("port " + port + " is in use; choose another with --port", e);
            }
            throw e;
        }
    }

    /** Drives the fleet until the campaign has ended and every event is in, the timeout passes, or Ctrl-C. */
    private boolean drive(FleetSession session, ManagementClient reader, long campaign) throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch summarized = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted.countDown();
            try {
                summarized.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pitwall-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long deadline = System.nanoTime() + timeout.toNanos();
        long settleBy = Long.MAX_VALUE;
        CampaignProgress progress = null;
        session.start();
        while (System.nanoTime() < deadline && !interrupted.await(1, TimeUnit.SECONDS)) {
            progress = reader.campaign(campaign);
            if (progress.finished()) {
                // The campaign is over; give the vehicles a moment to deliver what they still hold (diagnostics).
                settleBy = Math.min(settleBy, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
                if (session.simulation().snapshot().eventsPending() == 0 || System.nanoTime() > settleBy) {
                    break;
                }
            }
        }
        session.finish();
        summarized.countDown();
        if (interrupted.getCount() > 0) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        boolean completed = progress != null && "COMPLETED".equals(progress.status());
        if (!completed) {
            System.out.printf("The campaign did not complete%s.%n", System.nanoTime() >= deadline
                    ? " within " + timeout.toSeconds() + " s" : "");
        }
        return completed;
    }
}
