package io.pitwall.server.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohortSampleTests {

    /** VINs in inventory order: the first half of one model (WMI "WP0"), the second half of another ("WVW"). */
    private static List<String> fleet(int size) {
        List<String> vins = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            vins.add((i < size / 2 ? "WP0ZZZ99Z" : "WVWZZZ1KZ") + String.format("%08d", i));
        }
        return vins;
    }

    @Test
    void aGroupNoLargerThanTheLimitIsTakenWhole() {
        List<String> vins = fleet(500);
        assertThat(CohortSample.of(vins, v -> v, 7, 500)).isSameAs(vins);
        assertThat(CohortSample.of(vins, v -> v, 7, 1_000)).isSameAs(vins);
    }

    @Test
    void aLargerGroupGivesTheSameSampleEveryTimeAndADifferentOnePerCampaign() {
        List<String> vins = fleet(50_000);
        List<String> first = CohortSample.of(vins, v -> v, 42, 2_000);
        List<String> again = CohortSample.of(new ArrayList<>(vins), v -> v, 42, 2_000);
        List<String> other = CohortSample.of(vins, v -> v, 43, 2_000);

        assertThat(first).hasSize(2_000).doesNotHaveDuplicates().isEqualTo(again);
        assertThat(vins).containsAll(first);
        var overlap = new HashSet<>(first);
        overlap.retainAll(other);
        assertThat(overlap.size()).as("shared by two campaigns' samples").isLessThan(400);
    }

    @Test
    void theSampleIsSpreadOverTheFleetNotTakenFromOneEndOfIt() {
        List<String> vins = fleet(100_000);
        List<String> sample = CohortSample.of(vins, v -> v, 1, 10_000);
        long firstModel = sample.stream().filter(v -> v.startsWith("WP0")).count();
        long firstDecile = sample.stream()
                .filter(v -> Integer.parseInt(v.substring(9)) < 10_000)
                .count();

        assertThat(firstModel).as("of the first model, half the fleet").isBetween(4_700L, 5_300L);
        assertThat(firstDecile).as("from the first tenth of the fleet").isBetween(850L, 1_150L);
    }
}
