package io.pitwall.server.diagnostics;

import java.util.List;

/**
 * How far a diagnostic answer can be trusted, shown beside it. {@code insufficient-data} means the data cannot
 * support an answer (no reports, or the last one is stale): an empty fault list then does not mean healthy.
 *
 * @param status  {@code ok}, {@code degraded} (answerable, with caveats) or {@code insufficient-data}
 * @param reasons stable kebab-case reasons, e.g. {@code no-dtc-reports}, {@code last-report-stale},
 *                {@code malformed-reports}, {@code unknown-ecu}, {@code future-timestamp}, {@code sequence-gap},
 *                {@code out-of-order}, {@code ecus-not-reporting} (partial), {@code version-inconsistent}
 */
public record AnswerQuality(String status, List<String> reasons) {

    public AnswerQuality {
        reasons = List.copyOf(reasons);
    }
}
