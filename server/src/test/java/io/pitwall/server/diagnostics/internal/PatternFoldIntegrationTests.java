package io.pitwall.server.diagnostics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.server.diagnostics.persistence.PatternDeltas;
import io.pitwall.server.diagnostics.persistence.PatternRows;
import io.pitwall.server.diagnostics.persistence.PatternRows.DayKey;
import io.pitwall.server.diagnostics.persistence.PatternRows.Ranked;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ingestion appends fleet-wide pattern counts to fault_pattern_delta; the fold sums them into
 * fault_pattern_count. The ranking is the same before and after a fold, a fold rolled back midway changes
 * nothing, and only the rows a fold read are deleted.
 */
class PatternFoldIntegrationTests {

    private static final AtomicLong MODELS = new AtomicLong();
    private static final int DAY = 20_514;

    abstract static class Contract extends IntegrationTest {

        @Autowired
        PatternFold fold;

        @Autowired
        PatternDeltas deltas;

        @Autowired
        PatternRows rows;

        @Autowired
        PlatformTransactionManager transactionManager;

        String model() {
            return "Fold-" + MODELS.incrementAndGet() + "-" + getClass().getSimpleName();
        }

        static Map<DayKey, Long> counts(Object... keyAndCount) {
            Map<DayKey, Long> counts = new TreeMap<>(DayKey.ORDER);
            for (int i = 0; i < keyAndCount.length; i += 2) {
                counts.put((DayKey) keyAndCount[i], ((Number) keyAndCount[i + 1]).longValue());
            }
            return counts;
        }

        Map<String, Long> counted(String model) {
            Map<String, Long> found = new TreeMap<>();
            jdbc.sql("SELECT code, firmware_version, observations FROM fault_pattern_count WHERE model = :m")
                    .param("m", model)
                    .query(rs -> {
                        found.put(rs.getString(1).trim() + "@" + rs.getString(2), rs.getLong(3));
                    });
            return found;
        }

        long pendingOf(String model) {
            return jdbc.sql("SELECT COUNT(*) FROM fault_pattern_delta WHERE model = :m")
                    .param("m", model)
                    .query(Long.class)
                    .single();
        }

        List<Ranked> ranking(String model) {
            return rows.top(DAY, DAY + 1, model, null, null, 10);
        }

        @Test
        void foldsAppendedCountsIntoTheRollupWithoutChangingTheRanking() {
            String model = model();
            DayKey a = new DayKey(DAY, "P0A80", model, "BMS", "1.0");
            DayKey b = new DayKey(DAY + 1, "U0100", model, null, "1.0");
            deltas.append(counts(a, 3, b, 5));
            deltas.append(counts(a, 4));
            List<Ranked> before = ranking(model);
            assertThat(before)
                    .extracting(Ranked::code, Ranked::observations)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("P0A80", 7L),
                            org.assertj.core.groups.Tuple.tuple("U0100", 5L));

            assertThat(fold.foldAll()).isGreaterThanOrEqualTo(3);

            assertThat(pendingOf(model)).isZero();
            assertThat(counted(model)).isEqualTo(Map.of("P0A80@1.0", 7L, "U0100@1.0", 5L));
            assertThat(ranking(model)).isEqualTo(before);

            deltas.append(counts(a, 1));
            fold.foldAll();
            assertThat(counted(model)).containsEntry("P0A80@1.0", 8L);
        }

        @Test
        void aPeriodOfWholeWeeksAndEdgeDaysRanksTheSameFromTheWeeklyRollupAsFromTheDays() {
            String model = model();
            // Day 20_514 (2026-03-02) is a Monday: weeks of 7 days start there and every 7 days after.
            int monday = 20_514;
            Map<DayKey, Long> days = new TreeMap<>(DayKey.ORDER);
            for (int day = monday - 3; day <= monday + 17; day++) {
                days.put(new DayKey(day, "P0A80", model, "BMS", "1.0"), (long) (day % 5 + 1));
                days.put(new DayKey(day, "U0100", model, "BMS", "1.0"), day % 2 == 0 ? 3L : 0L);
            }
            days.values().removeIf(n -> n == 0);
            deltas.append(days);
            int from = monday - 2;
            int to = monday + 16;
            List<Ranked> unfolded = rows.top(from, to, model, null, null, 10);
            long expectedA = days.entrySet().stream()
                    .filter(e -> e.getKey().code().equals("P0A80")
                            && e.getKey().day() >= from
                            && e.getKey().day() <= to)
                    .mapToLong(Map.Entry::getValue)
                    .sum();

            fold.foldAll();

            assertThat(jdbc.sql("SELECT COUNT(*) FROM fault_pattern_week WHERE model = :m")
                            .param("m", model)
                            .query(Long.class)
                            .single())
                    .as("four weeks (two of them partial) per code")
                    .isEqualTo(8);
            List<Ranked> folded = rows.top(from, to, model, null, null, 10);
            assertThat(folded).isEqualTo(unfolded);
            assertThat(folded.get(0).code()).isEqualTo("P0A80");
            assertThat(folded.get(0).observations()).isEqualTo(expectedA);
            for (int[] range : new int[][] {
                {monday, monday + 6}, {monday + 1, monday + 5}, {monday - 3, monday + 13}, {monday + 3, monday + 17}
            }) {
                long expected = days.entrySet().stream()
                        .filter(e -> e.getKey().code().equals("P0A80")
                                && e.getKey().day() >= range[0]
                                && e.getKey().day() <= range[1])
                        .mapToLong(Map.Entry::getValue)
                        .sum();
                assertThat(rows.top(range[0], range[1], model, null, null, 1)
                                .get(0)
                                .observations())
                        .as("days %d..%d", range[0], range[1])
                        .isEqualTo(expected);
            }
        }

        @Test
        void aFoldRolledBackMidwayChangesNothingAndTheNextFoldCountsOnce() {
            String model = model();
            DayKey a = new DayKey(DAY, "B1A01", model, "BCM", "2.0");
            deltas.append(counts(a, 2));
            deltas.append(counts(a, 9));
            var transactions = new TransactionTemplate(transactionManager);

            assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                        var read = deltas.oldest(PatternFold.BATCH).stream()
                                .filter(d -> model.equals(d.key().model()))
                                .toList();
                        deltas.addToCounts(counts(
                                a,
                                read.stream()
                                        .mapToLong(PatternDeltas.Delta::observations)
                                        .sum()));
                        deltas.delete(read.stream().map(PatternDeltas.Delta::id).toList());
                        throw new IllegalStateException("killed before commit");
                    }))
                    .hasMessage("killed before commit");

            assertThat(counted(model)).isEmpty();
            assertThat(pendingOf(model)).isEqualTo(2);
            fold.foldAll();
            assertThat(counted(model)).isEqualTo(Map.of("B1A01@2.0", 11L));
            assertThat(pendingOf(model)).isZero();
        }

        @Test
        void deletesOnlyTheRowsItRead() {
            String model = model();
            DayKey a = new DayKey(DAY, "C1A00", model, "ABS", "3.0");
            deltas.append(counts(a, 1));
            List<Long> read = deltas.oldest(PatternFold.BATCH).stream()
                    .filter(d -> model.equals(d.key().model()))
                    .map(PatternDeltas.Delta::id)
                    .toList();
            deltas.append(counts(a, 1));

            deltas.delete(read);

            assertThat(read).hasSize(1);
            assertThat(pendingOf(model)).isEqualTo(1);
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
