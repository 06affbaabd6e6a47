package io.pitwall.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns JMH's JSON result file into one table row per benchmark. */
final class JmhResults {

    private JmhResults() {}

    static List<Result> read(Path file) throws IOException {
        JsonNode runs = JsonMapper.builder().build().readTree(Files.readString(file));
        List<Result> results = new ArrayList<>();
        for (JsonNode run : runs) {
            String benchmark = run.get("benchmark").asString();
            String name = "jmh " + benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            JsonNode metric = run.get("primaryMetric");
            double score = metric.get("score").asDouble();
            double error = metric.get("scoreError").asDouble();
            String unit = metric.get("scoreUnit").asString();
            String measured = String.format(
                    Locale.ROOT,
                    "%.1f ± %.1f %s (%s, %d threads)",
                    score,
                    Double.isNaN(error) ? 0 : error,
                    unit,
                    run.get("mode").asString(),
                    run.get("threads").asInt());
            results.add(new Result(
                    name,
                    measured,
                    "—",
                    Result.Verdict.MEASURED,
                    Map.of("score", score, "scoreError", error, "unit", unit)));
        }
        return results;
    }
}
