package io.pitwall.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.protocol.dtc.DtcDecoder;
import io.pitwall.protocol.dtc.SourceFormat;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DtcNormalizeClassifyBenchmarkTests {

    @Test
    void theBenchmarksEventsDecodeInTheirFormatAndTheRulesClassifyThem() {
        var benchmark = new DtcNormalizeClassifyBenchmark();

        assertThat(Arrays.stream(DtcNormalizeClassifyBenchmark.events(0, 3))
                        .map(e -> DtcDecoder.decodeReport(e[0], e[1]).format())
                        .distinct())
                .containsExactlyInAnyOrder(SourceFormat.values());
        assertThat(DtcDecoder.decodeReport(null, DtcNormalizeClassifyBenchmark.events(2, 1)[0][1])
                        .format())
                .isEqualTo(SourceFormat.OEM_JSON);
        int classified = benchmark.mixedFormats();
        assertThat(classified)
                .as("most events match a rule, not all (U0 codes seen once match none)")
                .isGreaterThan(DtcNormalizeClassifyBenchmark.EVENTS / 2)
                .isLessThan(DtcNormalizeClassifyBenchmark.EVENTS);
        assertThat(benchmark.udsOnly())
                .as("the same faults with status bytes in UDS and OEM JSON")
                .isEqualTo(benchmark.oemJsonOnly());
    }
}
