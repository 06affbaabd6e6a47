package io.pitwall.bench;

import io.pitwall.bench.audit.AuditAppend;
import io.pitwall.bench.audit.AuditVerify;
import io.pitwall.bench.device.CampaignMillion;
import io.pitwall.bench.device.CampaignStart;
import io.pitwall.bench.device.Checkin;
import io.pitwall.bench.device.DirectorRegen;
import io.pitwall.bench.device.EventIngestionLoad;
import io.pitwall.bench.device.ReconcilerTick;
import io.pitwall.bench.diagnostics.FaultPatterns;
import io.pitwall.bench.fleet.FirmwareInventory;
import io.pitwall.bench.fleet.FleetImport;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The load tool behind {@code bench/run}: runs scenarios, records their results, prints the table. */
@Command(
        name = "bench/run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Runs Pitwall's load scenarios against a local PostgreSQL and records the results.")
public final class Bench implements Callable<Integer> {

    @Parameters(
            paramLabel = "SCENARIO",
            arity = "0..*",
            description =
                    "audit-append, audit-verify, import, firmware-inventory, checkin, checkin-h2, events, "
                            + "campaign-start, reconciler-tick, director-regen, campaign-million, fault-patterns (default: all of them).")
    List<String> scenarios = new ArrayList<>();

    @Option(
            names = "--db-url",
            defaultValue = "${env:PITWALL_BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/pitwall_bench}")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:PITWALL_BENCH_PG_USER:-pitwall}")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:PITWALL_BENCH_PG_PASSWORD:-pitwall}")
    String dbPassword;

    @Option(names = "--results", defaultValue = "bench/results", description = "Results directory.")
    Path results;

    @Option(names = "--command", defaultValue = "bench/run", description = "The command line recorded with results.")
    String command;

    @Option(names = "--table-only", description = "Only print the table of the recorded results.")
    boolean tableOnly;

    @Option(
            names = "--jmh-results",
            paramLabel = "FILE",
            description = "Record a JMH JSON result file (bench/run jmh does).")
    Path jmhResults;

    @Option(names = "--append-records", defaultValue = "20000")
    int appendRecords;

    @Option(names = "--append-threads", defaultValue = "8")
    int appendThreads;

    @Option(names = "--append-warmup", defaultValue = "5000")
    int appendWarmup;

    @Option(names = "--append-batch", defaultValue = "100", description = "Records per transaction, bulk phase.")
    int appendBatch;

    @Option(names = "--chain-length", defaultValue = "1000000")
    int chainLength;

    @Option(names = "--verify-runs", defaultValue = "3")
    int verifyRuns;

    @Option(names = "--cli-jar", defaultValue = "cli/target/pitwall.jar")
    Path cliJar;

    @Option(names = "--vehicles", defaultValue = "100000")
    int vehicles;

    @Option(names = "--ecus-per-vehicle", defaultValue = "5")
    int ecusPerVehicle;

    @Option(
            names = "--import-warmup",
            defaultValue = "20000",
            description = "Vehicles imported (untimed, other VINs) before the timed import.")
    int importWarmup;

    @Option(names = "--inventory-ecus", defaultValue = "1000000")
    int inventoryEcus;

    @Option(names = "--inventory-calls", defaultValue = "20")
    int inventoryCalls;

    @Option(
            names = "--vehicle-path",
            description = "Run only the vehicle-path scenarios (issue 3): checkin, checkin-h2, events, campaign-start.")
    boolean vehiclePath;

    @Option(names = "--checkin-vehicles", defaultValue = "10000")
    int checkinVehicles;

    @Option(names = "--tick-campaigns", defaultValue = "100")
    int tickCampaigns;

    @Option(
            names = "--tick-assignments",
            defaultValue = "100000",
            description = "Open assignments over all campaigns of reconciler-tick (one vehicle each).")
    int tickAssignments;

    @Option(
            names = "--checkin-rate",
            defaultValue = "3000",
            description = "Check-ins per second of the second, paced run (latency at that rate); 0 skips it.")
    double checkinRate;

    @Option(names = "--checkin-requests", defaultValue = "60000")
    int checkinRequests;

    @Option(names = "--checkin-warmup", defaultValue = "20000")
    int checkinWarmup;

    @Option(names = "--checkin-clients", defaultValue = "32")
    int checkinClients;

    @Option(names = "--event-vehicles", defaultValue = "2000")
    int eventVehicles;

    @Option(names = "--event-batches", defaultValue = "10", description = "Batches per vehicle.")
    int eventBatches;

    @Option(names = "--event-batch-size", defaultValue = "50")
    int eventBatchSize;

    @Option(names = "--event-clients", defaultValue = "16")
    int eventClients;

    @Option(names = "--campaign-vehicles", defaultValue = "100000")
    int campaignVehicles;

    @Option(names = "--director-vehicles", defaultValue = "100000")
    int directorVehicles;

    @Option(
            names = "--million-vehicles",
            defaultValue = "1000000",
            description = "Vehicles of campaign-million (dry run with 5 waves plus start).")
    int millionVehicles;

    @Option(names = "--pattern-vehicles", defaultValue = "20000")
    int patternVehicles;

    @Option(
            names = "--pattern-faults",
            defaultValue = "10000000",
            description = "Fault records of fault-patterns (decoded DTC reports of 5 faults each).")
    long patternFaults;

    @Option(names = "--pattern-runs", defaultValue = "7")
    int patternRuns;

    @Option(names = "--seed", defaultValue = "20240601")
    long seed;

    @Option(names = "--max-minutes", defaultValue = "15", description = "A scenario running longer fails.")
    int maxMinutes;

    /** The scenarios of issue 3 (device API, campaigns), in priority order. */
    static final List<String> VEHICLE_PATH = List.of("checkin", "checkin-h2", "events", "campaign-start");

    private boolean overran;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    private Map<String, Supplier<Scenario>> catalog() {
        Map<String, Supplier<Scenario>> all = new LinkedHashMap<>();
        all.put("audit-append", () -> new AuditAppend(appendRecords, appendThreads, appendWarmup, appendBatch));
        all.put("audit-verify", () -> new AuditVerify(chainLength, verifyRuns, cliJar, seed));
        all.put("import", () -> new FleetImport(vehicles, ecusPerVehicle, seed, importWarmup));
        all.put("firmware-inventory", () -> new FirmwareInventory(inventoryEcus, ecusPerVehicle, inventoryCalls, seed));
        all.put(
                "checkin",
                () -> new Checkin(
                        false, checkinVehicles, checkinRequests, checkinWarmup, checkinClients, seed, checkinRate));
        all.put(
                "checkin-h2",
                () -> new Checkin(
                        true, checkinVehicles, checkinRequests, checkinWarmup, checkinClients, seed, checkinRate));
        all.put(
                "events",
                () -> new EventIngestionLoad(eventVehicles, eventBatches, eventBatchSize, eventClients, seed));
        all.put(
                "dtc-ingestion",
                () -> new EventIngestionLoad(eventVehicles, eventBatches, eventBatchSize, eventClients, seed, true));
        all.put("campaign-start", () -> new CampaignStart(campaignVehicles, seed));
        all.put("reconciler-tick", () -> new ReconcilerTick(tickCampaigns, tickAssignments, seed));
        all.put("director-regen", () -> new DirectorRegen(directorVehicles, seed));
        all.put("campaign-million", () -> new CampaignMillion(millionVehicles, seed));
        all.put("fault-patterns", () -> new FaultPatterns(patternVehicles, patternFaults, patternRuns, seed));
        return all;
    }

    @Override
    public Integer call() throws Exception {
        var store = new Results(results);
        boolean failed = false;
        if (jmhResults != null) {
            var machine = Machine.describe(new BenchDatabase(dbUrl, dbUser, dbPassword));
            String date = OffsetDateTime.now(ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.SECONDS)
                    .toString();
            for (Result result : JmhResults.read(jmhResults)) {
                store.record(new Run(date, command, machine, Machine.loadAverage(), result));
            }
        }
        if (!tableOnly) {
            var catalog = catalog();
            List<String> chosen =
                    !scenarios.isEmpty() ? scenarios : vehiclePath ? VEHICLE_PATH : List.copyOf(catalog.keySet());
            for (String name : chosen) {
                if (!catalog.containsKey(name)) {
                    System.err.println(
                            "unknown scenario '" + name + "'; known: " + String.join(", ", catalog.keySet()));
                    return 2;
                }
            }
            var database = new BenchDatabase(dbUrl, dbUser, dbPassword);
            var machine = Machine.describe(database);
            for (String name : chosen) {
                Scenario scenario = catalog.get(name).get();
                System.out.println("== " + name + " (target: " + scenario.target() + ")");
                String loadBefore = Machine.loadAverage();
                Result result = runBounded(scenario, database);
                System.out.println("   " + result.verdict() + ": " + result.measured());
                failed |= result.verdict() == Result.Verdict.FAILED;
                String date = OffsetDateTime.now(ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString();
                store.record(new Run(date, command, machine, loadBefore + " → " + Machine.loadAverage(), result));
                if (overran) {
                    System.err.println("bench/run: " + name + " overran; the remaining scenarios are not run");
                    break;
                }
            }
        }
        System.out.println();
        System.out.print(Results.markdown(store.latest()));
        return failed ? 1 : 0;
    }

    /** Runs a scenario on a daemon thread; one that overruns is recorded as failed and left behind when the JVM exits. */
    private Result runBounded(Scenario scenario, BenchDatabase database) {
        var task = new FutureTask<>(() -> scenario.run(database));
        var thread = new Thread(task, "scenario-" + scenario.name());
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(maxMinutes, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            thread.interrupt();
            overran = true;
            return Result.failed(
                    scenario.name(), scenario.target(), "did not finish within " + maxMinutes + " minutes");
        } catch (ExecutionException e) {
            e.getCause().printStackTrace();
            return Result.failed(
                    scenario.name(),
                    scenario.target(),
                    String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed(scenario.name(), scenario.target(), "interrupted");
        }
    }
}
