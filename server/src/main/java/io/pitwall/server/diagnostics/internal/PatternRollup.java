package io.pitwall.server.diagnostics.internal;

import io.pitwall.server.diagnostics.persistence.DtcReports.NewReport;
import io.pitwall.server.diagnostics.persistence.PatternRows;
import io.pitwall.server.diagnostics.persistence.PatternRows.DayKey;
import io.pitwall.server.shared.Savepoints;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Adds a vehicle's newly stored faults to the recurring-patterns rollup, in the ingesting transaction: one
 * upsert per distinct (UTC day, code, model, ECU type, firmware) of the batch, not one per fault, so ingestion
 * pays little for it. Faults of undecodable reports do not exist, so they are in no pattern (as in the raw tables).
 * Keys are written in one global order, so two vehicles' batches wait for each other instead of deadlocking;
 * a key's first row, inserted by two vehicles at once, is retried as an update under a savepoint.
 */
@Component
class PatternRollup {

    private static final Comparator<DayKey> ORDER = Comparator.comparingInt(DayKey::day).thenComparing(DayKey::code)
            .thenComparing(k -> String.valueOf(k.model())).thenComparing(k -> String.valueOf(k.ecuType()))
            .thenComparing(k -> String.valueOf(k.firmwareVersion()));
    private final PatternRows rows;
    private final Savepoints savepoints;

    PatternRollup(PatternRows rows, Savepoints savepoints) {
        this.rows = rows;
        this.savepoints = savepoints;
    }

    void add(String vin, String model, List<NewReport> reports) {
        Map<DayKey, Long> counts = new TreeMap<>(ORDER);
        for (NewReport report : reports) {
            int day = (int) LocalDate.ofInstant(report.occurredAt(), ZoneOffset.UTC).toEpochDay();
            report.faults().forEach(fault -> counts.merge(new DayKey(day, fault.dtc().baseCode(), model,
                    report.ecuType(), report.firmwareVersion()), 1L, Long::sum));
        }
        counts.forEach((key, observations) -> {
            if (!savepoints.insertIfAbsent(() -> rows.add(vin, key, observations))) {
                rows.add(vin, key, observations);
            }
        });
    }
}
