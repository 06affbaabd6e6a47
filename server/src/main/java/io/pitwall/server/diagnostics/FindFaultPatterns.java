package io.pitwall.server.diagnostics;

import io.pitwall.server.diagnostics.persistence.PatternRows;
import io.pitwall.server.diagnostics.persistence.PatternRows.BucketRow;
import io.pitwall.server.diagnostics.persistence.PatternRows.Ranked;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers {@link PatternQuery}s from the rollup the ingestion maintains (never from the raw observation tables,
 * which hold millions of rows): ranks the patterns by observations, then reads the top ones' trends and exact
 * distinct-vehicle counts.
 */
@Service
public class FindFaultPatterns {

    private final PatternRows rows;

    FindFaultPatterns(PatternRows rows) {
        this.rows = rows;
    }

    @Transactional(readOnly = true)
    public FaultPatterns find(PatternQuery query) {
        int from = (int) query.since().toEpochDay();
        int to = (int) query.until().toEpochDay();
        boolean weekly = query.bucket() == PatternQuery.Bucket.WEEK;
        List<FaultPatterns.Pattern> patterns = new ArrayList<>();
        for (Ranked ranked : rows.top(from, to, query.model(), query.ecuType(), query.firmwareVersion(), query.top())) {
            Map<Integer, BucketRow> buckets = new HashMap<>();
            rows.trend(ranked, from, to, weekly).forEach(b -> buckets.put(b.bucket(), b));
            List<FaultPatterns.Point> trend = new ArrayList<>();
            for (int day = from; day <= to; day = weekly ? (bucketOf(day, true) + 1) * 7 - 3 : day + 1) {
                BucketRow row = buckets.get(bucketOf(day, weekly));
                trend.add(new FaultPatterns.Point(
                        LocalDate.ofEpochDay(day),
                        row == null ? 0 : row.observations(),
                        row == null ? 0 : row.vehicles()));
            }
            patterns.add(new FaultPatterns.Pattern(
                    ranked.code(),
                    ranked.model(),
                    ranked.ecuType(),
                    ranked.firmwareVersion(),
                    ranked.observations(),
                    rows.vehicles(ranked, from, to),
                    trend));
        }
        return new FaultPatterns(query, patterns);
    }

    /** The bucket number {@link PatternRows} groups by: the day itself, or its Monday-based week. */
    private static int bucketOf(int day, boolean weekly) {
        return weekly ? (day + 3) / 7 : day;
    }
}
