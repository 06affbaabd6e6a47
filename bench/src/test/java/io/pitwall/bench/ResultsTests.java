package io.pitwall.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTests {

    @TempDir
    Path directory;

    @Test
    void keepsTheLatestRunPerScenarioAndRendersItAsAMarkdownTable() throws Exception {
        var results = new Results(directory);
        var machine = new Machine(2, "AMD EPYC", "23.5 GiB", "OpenJDK 17", "Linux", "PostgreSQL 15.18");
        results.record(new Run(
                "2024-06-01T10:00:00Z",
                "bench/run audit-append",
                machine,
                "0.5 → 0.7",
                new Result("audit-append", "1,000 records/s", "≥ 2,000 records/s", Result.Verdict.MISSED, Map.of())));
        results.record(new Run(
                "2024-06-01T11:00:00Z",
                "bench/run audit-append",
                machine,
                "0.4 → 0.6",
                new Result(
                        "audit-append",
                        "2,500 records/s | fast",
                        "≥ 2,000 records/s",
                        Result.Verdict.MET,
                        Map.of("recordsPerSecond", 2500))));
        var latest = results.latest();
        assertThat(latest).hasSize(1);
        assertThat(latest.get(0).result().metrics()).containsEntry("recordsPerSecond", 2500);
        assertThat(Files.readAllLines(directory.resolve("history.jsonl"))).hasSize(2);
        assertThat(Results.markdown(latest))
                .contains(
                        "| audit-append | 2,500 records/s \\| fast | ≥ 2,000 records/s | met | `bench/run audit-append` |")
                .contains("Machine: 2 CPUs (AMD EPYC), 23.5 GiB RAM");
    }
}
