package io.pitwall.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The machine a result was measured on, as the results table names it. */
public record Machine(int cpus, String cpuModel, String memory, String jvm, String os, String database) {

    public static Machine describe(BenchDatabase database) {
        String db;
        try {
            db = database.serverVersion();
        } catch (Exception e) {
            db = "PostgreSQL (version unknown: " + e.getMessage() + ")";
        }
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                procLine("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")),
                procLine("/proc/meminfo", "MemTotal").map(Machine::gibibytes).orElse("unknown"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                db);
    }

    /** One line for the table's footnote. */
    public String summary() {
        return cpus + " CPUs (" + cpuModel + "), " + memory + " RAM, " + jvm + ", " + os + ", " + database;
    }

    /** The 1-minute load average, or "?" where the OS does not say. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** CPU seconds this JVM used so far, all threads. */
    public static double processCpuSeconds() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /**
     * CPU seconds used by this JVM's finished child processes (Linux: cutime + cstime of /proc/self/stat,
     * in the usual 100 ticks per second), to tell a child's own work from time spent waiting for a CPU.
     */
    public static double childrenCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static Optional<String> procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String gibibytes(String memTotal) {
        long kib = Long.parseLong(memTotal.replace("kB", "").trim());
        return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
    }
}
