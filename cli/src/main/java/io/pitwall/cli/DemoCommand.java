package io.pitwall.cli;

import io.pitwall.client.CampaignFilter;
import io.pitwall.client.CampaignProgress;
import io.pitwall.client.ManagementClient;
import io.pitwall.server.PitwallServerApplication;
import io.pitwall.simulator.CampaignSignOff;
import io.pitwall.simulator.DemoRelease;
import io.pitwall.simulator.Pacing;
import io.pitwall.simulator.Seeds;
import io.pitwall.simulator.fault.FaultProfile;
import io.pitwall.simulator.fault.InstallFault;
import io.pitwall.simulator.fleet.FleetMix;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the whole vehicle path on this machine: starts a fresh server on the embedded database "
                    + "(the demo data directory is wiped at every start), provisions a seeded fleet, uploads and publishes "
                    + "signed demo firmware (and its known-good predecessor), has the campaign's readiness filled in, submitted and "
                    + "approved by two new approver operators, starts it and drives the fleet with the simulator (the real agent "
                    + "code) under realistic faults. Then a second campaign with a bad battery-management image trips its pilot's "
                    + "failure gate and pauses, and a rollback campaign approved by two more approvers returns the pilot "
                    + "vehicles to the known-good image. A progress line per second and a summary at the end.",
            "Without --until-done the server keeps running after the summary until Ctrl-C."
        })
class DemoCommand implements Callable<Integer> {

    private static volatile boolean serving;

    @Option(
            names = "--vehicles",
            defaultValue = "500",
            paramLabel = "N",
            description = "Fleet size (default: ${DEFAULT-VALUE}).")
    int vehicles;

    @Option(
            names = "--until-done",
            description =
                    "Exit when both campaigns have ended: 0 if the rollout COMPLETED "
                            + "and the bad release was ROLLED_BACK by its rollback campaign, 1 otherwise (also when --timeout passes first).")
    boolean untilDone;

    @Option(
            names = "--data-dir",
            defaultValue = "./data/demo",
            paramLabel = "DIR",
            description = "Demo data directory, wiped at start (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--port",
            defaultValue = "8080",
            paramLabel = "N",
            description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--seed",
            defaultValue = "2026",
            paramLabel = "S",
            description = "Seed of the fleet, its faults and the firmware (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--timeout",
            defaultValue = "10m",
            paramLabel = "D",
            converter = DurationConverter.class,
            description = "Longest wait for both campaigns to end (default: ${DEFAULT-VALUE}).")
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
        List<Long> shown = new CopyOnWriteArrayList<>();
        FleetSession session = FleetSession.provision(
                out,
                admin,
                new Seeds(seed),
                vehicles,
                FleetMix.standard().withTags(List.of("sim", "demo")),
                faults(),
                Pacing.demo(),
                dir.resolve("agents"),
                64,
                () -> shown.stream().map(reader::campaign).toList());
        DemoRelease.Published knownGood = DemoRelease.publishKnownGood(admin, seed, "Demo known-good 2025.4", "2025.4");
        DemoRelease.Published release = DemoRelease.publish(admin, seed, "Demo release 2026.1", "2026.1");
        long id = admin.createCampaign("Demo rollout 2026.1", release.releaseId(), CampaignFilter.tagged("demo"));
        admin.planWaves(id, DemoWaves.plan());
        out.printf(
                "Campaign %d: waves %s; each gate checks failures by category, the reconciler expands%n",
                id, DemoWaves.DESCRIPTION);
        CampaignSignOff.SignedOff signedOff =
                CampaignSignOff.signOff(admin, id, knownGood.releaseId(), "demo-approver");
        out.printf(
                "Campaign %d: readiness met (rollback to release %d), submitted by admin, risk %s, approved by %s%n",
                id, knownGood.releaseId(), signedOff.risk(), String.join(" and ", signedOff.approvers()));
        shown.add(id);
        CampaignProgress started = admin.startCampaign(id);
        out.printf(
                "Campaign %d \"%s\": release %d (%d images) to %d vehicles%n",
                started.id(),
                started.name(),
                release.releaseId(),
                release.targets().size(),
                started.assignments());
        Stop stop = new Stop(System.nanoTime() + timeout.toNanos());
        session.start();
        boolean completed = drive(stop, reader, id, CampaignProgress::finished)
                && "COMPLETED".equals(reader.campaign(id).status());
        boolean recovered = completed && badReleaseAndRollback(out, admin, reader, release.releaseId(), shown, stop);
        // Both campaigns are over; give the vehicles a moment to deliver what they still hold (diagnostics).
        long settleBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (session.simulation().snapshot().eventsPending() > 0
                && System.nanoTime() < settleBy
                && !stop.interrupted.await(200, TimeUnit.MILLISECONDS)) {
            // waiting for the last event batches
        }
        boolean settled = session.simulation().snapshot().eventsPending() == 0;
        stop.close(session);
        if (!completed || !recovered) {
            out.printf(
                    "The demo's campaigns did not reach their expected end%s.%n",
                    stop.timedOut() ? " within " + timeout.toSeconds() + " s" : "");
        } else if (!settled) {
            out.println("(some vehicle events were still pending when the demo stopped)");
        }
        out.printf("Waves: %s%n", String.join(", ", reader.waves(id)));
        completed = completed && recovered;
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
        String[] args = {
            "--pitwall.data-dir=" + dir,
            "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").resolve("pitwall") + ";DB_CLOSE_ON_EXIT=FALSE",
            "--server.port=" + port,
            "--server.address=127.0.0.1",
            "--pitwall.access.admin-password=" + password,
            // Demo pacing: idle vehicles check in every few seconds; busy ones work without waiting for check-ins.
            "--pitwall.device.poll-idle-seconds=3",
            "--pitwall.device.poll-active-seconds=10",
            "--pitwall.campaign.reconcile-interval=2s",
            "--logging.threshold.console=WARN",
            "--logging.level.org.springdoc=ERROR",
            "--logging.level.org.flywaydb=ERROR",
            "--spring.main.banner-mode=off"
        };
        try {
            return SpringApplication.run(PitwallServerApplication.class, args);
        } catch (RuntimeException e) {
            if (Pitwall.rootMessage(e).contains("already in use")) {
                throw new IllegalStateException("port " + port + " is in use; choose another with --port", e);
            }
            throw e;
        }
    }

    /**
     * The second act: a release with a bad battery-management image, its pilot gate tripped and the campaign
     * paused by the reconciler; then a rollback campaign, approved by two new approvers, that returns every
     * pilot vehicle that began installing to the first release (the known-good image). True when the bad
     * campaign ended ROLLED_BACK and its rollback campaign COMPLETED.
     */
    private boolean badReleaseAndRollback(
            PrintStream out,
            ManagementClient admin,
            ManagementClient reader,
            long knownGoodReleaseId,
            List<Long> shown,
            Stop stop)
            throws InterruptedException {
        DemoRelease.Published bad = DemoRelease.publishBad(admin, seed, "Demo release 2026.2", "2026.2");
        long id = admin.createCampaign(
                "Demo rollout 2026.2 (bad " + DemoRelease.BAD_HARDWARE + " image)",
                bad.releaseId(),
                CampaignFilter.tagged("demo"));
        admin.planWaves(id, DemoWaves.badPlan());
        CampaignSignOff.SignedOff signedOff = CampaignSignOff.signOff(admin, id, knownGoodReleaseId, "bad-approver");
        shown.add(id);
        CampaignProgress started = admin.startCampaign(id);
        out.printf(
                "Campaign %d \"%s\": waves %s; rollback to release %d; risk %s, approved by %s; pilot of %d "
                        + "vehicles%n",
                id,
                started.name(),
                DemoWaves.BAD_DESCRIPTION,
                knownGoodReleaseId,
                signedOff.risk(),
                String.join(" and ", signedOff.approvers()),
                started.assignments());
        if (!drive(stop, reader, id, p -> !"RUNNING".equals(p.status()))
                || !"PAUSED".equals(reader.campaign(id).status())) {
            return false;
        }
        out.printf("Campaign %d paused by its pilot gate: %s%n", id, String.join(", ", reader.waves(id)));
        long rollback = admin.rollbackCampaign(
                id, "The pilot's failure gate tripped on " + DemoRelease.BAD_HARDWARE + " " + DemoRelease.BAD_VERSION);
        List<String> approvers = CampaignSignOff.approve(admin, rollback, "rollback-approver");
        shown.add(rollback);
        CampaignProgress rolling = admin.startCampaign(rollback);
        out.printf(
                "Campaign %d \"%s\": requested by admin, approved by %s; returns %d vehicles to release %d%n",
                rollback, rolling.name(), String.join(" and ", approvers), rolling.assignments(), knownGoodReleaseId);
        return drive(stop, reader, id, CampaignProgress::finished)
                && "ROLLED_BACK".equals(reader.campaign(id).status())
                && "COMPLETED".equals(reader.campaign(rollback).status());
    }

    /** Waits while the fleet runs until the campaign's progress meets {@code until}; false on timeout or Ctrl-C. */
    private static boolean drive(Stop stop, ManagementClient reader, long campaign, Predicate<CampaignProgress> until)
            throws InterruptedException {
        while (!stop.timedOut() && !stop.interrupted.await(1, TimeUnit.SECONDS)) {
            if (until.test(reader.campaign(campaign))) {
                return true;
            }
        }
        return false;
    }

    /** The demo's deadline and Ctrl-C: a shutdown hook lets the summary print before the JVM exits. */
    private static final class Stop {

        final CountDownLatch interrupted = new CountDownLatch(1);
        private final CountDownLatch summarized = new CountDownLatch(1);
        private final long deadline;
        private final Thread hook = new Thread(
                () -> {
                    interrupted.countDown();
                    try {
                        summarized.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "pitwall-demo-stop");

        Stop(long deadline) {
            this.deadline = deadline;
            Runtime.getRuntime().addShutdownHook(hook);
        }

        boolean timedOut() {
            return System.nanoTime() >= deadline;
        }

        /** Stops the fleet, prints the summary and lets a waiting Ctrl-C go on. */
        void close(FleetSession session) {
            session.finish();
            summarized.countDown();
            if (interrupted.getCount() > 0) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }

    /** The demo profile, plus the bad image's boot failures: most of its installs roll back on their own. */
    private static FaultProfile faults() {
        List<InstallFault> faults = new ArrayList<>();
        faults.add(new InstallFault(DemoRelease.BAD_HARDWARE, DemoRelease.BAD_VERSION, 0, 0.9));
        faults.addAll(FaultProfile.DEMO.installFaults());
        return FaultProfile.DEMO.withInstallFaults(faults);
    }
}
