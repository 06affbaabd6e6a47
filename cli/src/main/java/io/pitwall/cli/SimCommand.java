package io.pitwall.cli;

import io.pitwall.client.ManagementClient;
import io.pitwall.simulator.Pacing;
import io.pitwall.simulator.Seeds;
import io.pitwall.simulator.fault.FaultProfile;
import io.pitwall.simulator.fault.Scenario;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "sim",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Simulates a fleet of vehicles against a Pitwall server: imports a seeded fleet and issues its "
                    + "credentials through the management API, then runs the real vehicle agent for every vehicle "
                    + "(seeded network, vehicle and ECU faults) until --duration or Ctrl-C, with a progress line per "
                    + "second and a summary at the end.",
            "Profiles: clean, flaky-network, harsh, demo. A scenario file (JSON) describes the fleet and its "
                    + "faults; see docs/vehicle-integration.md."
        })
class SimCommand implements Callable<Integer> {

    @Option(
            names = "--server",
            required = true,
            paramLabel = "URL",
            description = "The server, e.g. http://localhost:8080.")
    String server;

    @Option(names = "--vehicles", paramLabel = "N", description = "Fleet size (default: the scenario's, else 100).")
    Integer vehicles;

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "Seed of the fleet and its faults (default: the scenario's, else 1).")
    Long seed;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description = "Built-in fault profile: clean (default), flaky-network, harsh or demo.")
    String profile;

    @Option(names = "--scenario", paramLabel = "FILE", description = "Scenario file (JSON): fleet mix and faults.")
    Path scenarioFile;

    @Option(names = "--token", paramLabel = "T", description = "API token (needs vehicle:write and image:read).")
    String token;

    @Option(names = "--user", paramLabel = "U", description = "Operator name (with --password).")
    String user;

    @Option(names = "--password", paramLabel = "P", description = "Operator password (with --user).")
    String password;

    @Option(
            names = "--duration",
            paramLabel = "D",
            converter = DurationConverter.class,
            description = "How long to drive the fleet, e.g. 90s, 10m (default: until Ctrl-C).")
    Duration duration;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "Where agents that get killed keep their files "
                    + "(default: a temporary directory, deleted at the end).")
    Path stateDir;

    @Option(
            names = "--concurrency",
            defaultValue = "64",
            paramLabel = "N",
            description = "Most agent ticks at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Scenario scenario = scenario();
        URI base = serverUri();
        int size = vehicles != null ? vehicles : scenario.vehicles().orElse(100);
        if (size < 1 || size > 1_000_000) {
            throw usage("--vehicles must be between 1 and 1,000,000");
        }
        if (concurrency < 1 || concurrency > 10_000) {
            throw usage("--concurrency must be between 1 and 10,000");
        }
        ManagementClient client = client(base);
        client.whoAmI();
        PrintStream out = System.out;
        var watch = new CampaignWatch(progressClient(client));
        Seeds seeds = new Seeds(seed != null ? seed : scenario.seed().orElse(1L));
        try (FleetSession session = FleetSession.provision(
                out,
                client,
                seeds,
                size,
                scenario.fleet(),
                scenario.faults(),
                pacing(size),
                stateDir,
                concurrency,
                watch)) {
            CountDownLatch stop = new CountDownLatch(1);
            CountDownLatch summarized = new CountDownLatch(1);
            Thread hook = new Thread(
                    () -> {
                        stop.countDown();
                        awaitQuietly(summarized);
                    },
                    "pitwall-sim-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            out.printf(
                    "Simulating %d vehicles against %s%s; Ctrl-C stops and prints a summary%n",
                    size, base, duration == null ? "" : " for " + duration.toSeconds() + " s");
            session.start();
            if (duration == null) {
                stop.await();
            } else {
                stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
            session.finish();
            summarized.countDown();
            if (stop.getCount() > 0) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        return 0;
    }

    /** Standard pacing, the first check-ins spread by fleet size: 5 ms a vehicle, between 1 and 30 seconds. */
    private static Pacing pacing(int size) {
        long spread = Math.max(1_000, Math.min(30_000, size * 5L));
        return Pacing.standard().withStartSpread(Duration.ofMillis(spread));
    }

    private Scenario scenario() {
        if (profile != null && scenarioFile != null) {
            throw usage("use either --profile or --scenario, not both");
        }
        if (scenarioFile != null) {
            if (!Files.isReadable(scenarioFile)) {
                throw usage("cannot read the scenario file " + scenarioFile);
            }
            try {
                return Scenario.load(scenarioFile);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw usage(e.getMessage());
            }
        }
        FaultProfile faults = FaultProfile.named(profile == null ? "clean" : profile)
                .orElseThrow(() -> usage(
                        "unknown profile '" + profile + "'; profiles are " + String.join(", ", FaultProfile.names())));
        return Scenario.of(faults);
    }

    private URI serverUri() {
        try {
            URI uri = URI.create(server);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw usage("--server must be an http:// or https:// URL, got '" + server + "'");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw usage("--server must be an http:// or https:// URL, got '" + server + "'");
        }
    }

    private ManagementClient client(URI base) {
        if (token != null && (user != null || password != null)) {
            throw usage("use either --token or --user and --password, not both");
        }
        if (token != null) {
            return ManagementClient.bearer(base, token);
        }
        if (user == null || password == null) {
            throw usage("give --token T, or --user U with --password P");
        }
        return ManagementClient.basic(base, user, password);
    }

    /** Progress is polled every second: with a short-lived token when logged in with a (slow-to-check) password. */
    private ManagementClient progressClient(ManagementClient client) {
        if (token != null) {
            return client;
        }
        try {
            return client.withNewToken("pitwall sim progress", Set.of("campaign:read"), Duration.ofHours(12));
        } catch (RuntimeException e) {
            return client;
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
