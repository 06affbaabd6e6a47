package io.pitwall.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The results directory: {@code <scenario>.json} holds the latest run of each scenario (what the table
 * shows), {@code history.jsonl} every run ever appended.
 */
public final class Results {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Path directory;

    public Results(Path directory) {
        this.directory = directory;
    }

    public void record(Run run) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(
                fileOf(run.result().scenario()),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(run) + "\n");
        Files.writeString(
                directory.resolve("history.jsonl"),
                JSON.writeValueAsString(run) + "\n",
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    public List<Run> latest() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Run> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                runs.add(JSON.readValue(file.toFile(), Run.class));
            }
        }
        return runs;
    }

    /** The Markdown table for docs/benchmarks.md, followed by the machines the rows were measured on. */
    public static String markdown(List<Run> runs) {
        var out = new StringBuilder();
        out.append("| Scenario | Result | Target | Verdict | Command | Date | Load |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        var machines = new LinkedHashSet<String>();
        for (Run run : runs) {
            Result r = run.result();
            machines.add(run.machine().summary());
            out.append("| ")
                    .append(r.scenario())
                    .append(" | ")
                    .append(cell(r.measured()))
                    .append(" | ")
                    .append(cell(r.target()))
                    .append(" | ")
                    .append(r.verdict().name().toLowerCase())
                    .append(" | `")
                    .append(run.command())
                    .append("` | ")
                    .append(run.date())
                    .append(" | ")
                    .append(run.load())
                    .append(" |\n");
        }
        out.append('\n');
        for (String machine : machines) {
            out.append("Machine: ").append(machine).append('\n');
        }
        out.append("Load: the machine's 1-minute load average before → after the scenario (it may be shared).\n");
        return out.toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }

    private Path fileOf(String scenario) {
        return directory.resolve(scenario.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
    }
}
