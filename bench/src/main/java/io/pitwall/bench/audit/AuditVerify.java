package io.pitwall.bench.audit;

import io.pitwall.bench.BenchDatabase;
import io.pitwall.bench.CpuMeter;
import io.pitwall.bench.Machine;
import io.pitwall.bench.Result;
import io.pitwall.bench.Scenario;
import io.pitwall.server.audit.AuditChainVerifier;
import io.pitwall.server.audit.ChainHash;
import io.pitwall.server.audit.ChainReport;
import io.pitwall.server.audit.persistence.AuditRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@code audit-verify}: how long the verifier takes over a chain of a million records, in this JVM and
 * through {@code pitwall audit verify} (a fresh JVM, as an auditor runs it). The chain is generated once
 * per seed and length and reused by later runs.
 */
public final class AuditVerify implements Scenario {

    private static final double LIMIT_SECONDS = 10;
    private final int length;
    private final int runs;
    private final Path cliJar;
    private final long seed;

    public AuditVerify(int length, int runs, Path cliJar, long seed) {
        this.length = length;
        this.runs = runs;
        this.cliJar = cliJar;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "audit-verify";
    }

    @Override
    public String target() {
        return "verify 1,000,000 records ≤ 10 s";
    }

    @Override
    public Result run(BenchDatabase database) throws Exception {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("chainLength", length);
        metrics.put("generatedSeconds", prepare(database));
        double[] inProcess = new double[runs];
        double[] cpu = new double[runs];
        double[] databaseCpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            // One connection, opened before and closed after the measurement, so its backend's CPU is counted.
            var connection = new SingleConnectionDataSource(database.url(), database.user(), database.password(), true);
            connection.getConnection().close();
            var meter = CpuMeter.start(database);
            long started = System.nanoTime();
            ChainReport report = new AuditChainVerifier(new AuditRecords(connection)).verify();
            inProcess[i] = (System.nanoTime() - started) / 1e9;
            var usage = meter.stop();
            connection.destroy();
            cpu[i] = usage.jvmSeconds();
            databaseCpu[i] = usage.databaseSeconds();
            if (!report.intact() || report.length() != length) {
                return Result.failed(name(), target(), "in-process verifier said " + report);
            }
        }
        double[] sorted = inProcess.clone();
        Arrays.sort(sorted);
        double median = sorted[runs / 2];
        metrics.put("inProcessSeconds", inProcess);
        metrics.put("inProcessCpuSeconds", cpu);
        metrics.put("inProcessDatabaseCpuSeconds", databaseCpu);
        metrics.put("inProcessMedianSeconds", median);
        int medianRun = indexOf(inProcess, median);
        String measured = String.format(
                Locale.ROOT,
                "%,d records: in-process %.2f s (median of %d; CPU: JVM %.1f s, PostgreSQL %.1f s)",
                length,
                median,
                runs,
                cpu[medianRun],
                databaseCpu[medianRun]);
        boolean met = median <= LIMIT_SECONDS;
        if (Files.isRegularFile(cliJar)) {
            var cli = runCli(database);
            if (cli.exitCode() != 0 || !cli.output().contains("intact")) {
                return Result.failed(name(), target(), "CLI exit " + cli.exitCode() + ": " + cli.output());
            }
            metrics.put("cliWallSeconds", cli.seconds());
            metrics.put("cliCpuSeconds", cli.cpuSeconds());
            metrics.put("cliOutput", cli.output().strip());
            var verifiedIn =
                    java.util.regex.Pattern.compile("verified in (\\d+) ms").matcher(cli.output());
            String inside = verifiedIn.find()
                    ? String.format(Locale.ROOT, ", %.2f s of it verifying", Long.parseLong(verifiedIn.group(1)) / 1e3)
                    : "";
            measured += String.format(
                    Locale.ROOT,
                    "; `pitwall audit verify` %.2f s wall%s, %.1f CPU s (a fresh JVM)",
                    cli.seconds(),
                    inside,
                    cli.cpuSeconds());
            met &= cli.seconds() <= LIMIT_SECONDS;
        } else {
            measured += "; CLI not measured (" + cliJar + " missing: bench/run builds it)";
        }
        return new Result(name(), measured, target(), Result.verdict(met), metrics);
    }

    private static int indexOf(double[] values, double value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return 0;
    }

    /** Generates the chain unless the database already holds this one; returns the seconds spent. */
    private double prepare(BenchDatabase database) throws Exception {
        var generator = new ChainGenerator(seed);
        if (holdsChain(database, generator)) {
            System.out.println("   reusing the " + length + "-record chain already in the database");
            return 0;
        }
        long started = System.nanoTime();
        database.reset();
        database.migrate();
        generator.write(database.dataSource(), length);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "   generated a %,d-record chain in %.1f s%n", length, seconds);
        return seconds;
    }

    private boolean holdsChain(BenchDatabase database, ChainGenerator generator) {
        String first = generator.record(1, ChainHash.GENESIS).hash();
        try (var c = database.connect();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT h.seq, r.hash FROM audit_head h JOIN audit_record r ON r.seq = 1")) {
            return rs.next() && rs.getLong(1) == length && first.equals(rs.getString(2));
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    private record CliRun(int exitCode, double seconds, double cpuSeconds, String output) {}

    private CliRun runCli(BenchDatabase database) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-jar",
                cliJar.toString(),
                "audit",
                "verify",
                "--db-url",
                database.url(),
                "--db-user",
                database.user(),
                "--db-password",
                database.password()));
        double cpuBefore = Machine.childrenCpuSeconds();
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new CliRun(-1, 120, Double.NaN, "timed out");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        process.onExit().get();
        return new CliRun(
                process.exitValue(),
                seconds,
                Machine.childrenCpuSeconds() - cpuBefore,
                new String(output, StandardCharsets.UTF_8));
    }
}
