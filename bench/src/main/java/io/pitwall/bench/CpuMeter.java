package io.pitwall.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds spent by this JVM (load tool and in-process server) and by the PostgreSQL backends serving
 * the benchmark database, between two points. On a shared machine wall time also counts waiting for a
 * CPU; the CPU seconds say what the work itself cost. Backends are found by their process title
 * (Linux /proc, 100 ticks per second); where that is not readable the database figure is NaN.
 */
public final class CpuMeter {

    private final String database;
    private final double jvmStart;
    private final Map<Long, Long> backendTicksAtStart;

    private CpuMeter(String database) {
        this.database = database;
        this.jvmStart = Machine.processCpuSeconds();
        this.backendTicksAtStart = backendTicks(database);
    }

    public static CpuMeter start(BenchDatabase database) {
        String url = database.url();
        String name = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        return new CpuMeter(name);
    }

    /** CPU seconds since the start: this JVM, and the database's backends (those alive at the end). */
    public Usage stop() {
        Map<Long, Long> now = backendTicks(database);
        long ticks = 0;
        for (var backend : now.entrySet()) {
            ticks += backend.getValue() - backendTicksAtStart.getOrDefault(backend.getKey(), 0L);
        }
        return new Usage(Machine.processCpuSeconds() - jvmStart, now.isEmpty() ? Double.NaN : ticks / 100.0);
    }

    /** CPU seconds of this JVM and of the database server's backends. */
    public record Usage(double jvmSeconds, double databaseSeconds) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "CPU: JVM %.1f s, PostgreSQL %.1f s", jvmSeconds, databaseSeconds);
        }
    }

    private static Map<Long, Long> backendTicks(String database) {
        Map<Long, Long> ticks = new HashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(p -> {
                        try {
                            String title = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                            if (title.startsWith("postgres: ") && title.contains(" " + database + " ")) {
                                String stat = Files.readString(p.resolve("stat"));
                                String[] fields = stat.substring(stat.lastIndexOf(')') + 2)
                                        .split(" ");
                                ticks.put(
                                        Long.parseLong(p.getFileName().toString()),
                                        Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                            }
                        } catch (IOException | RuntimeException e) {
                            // the process ended meanwhile, or is not ours to read
                        }
                    });
        } catch (IOException e) {
            return Map.of();
        }
        return ticks;
    }
}
