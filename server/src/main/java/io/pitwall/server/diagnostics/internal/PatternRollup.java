package io.pitwall.server.diagnostics.internal;

import io.pitwall.server.diagnostics.persistence.DtcReports.NewReport;
import io.pitwall.server.diagnostics.persistence.PatternRows;
import io.pitwall.server.diagnostics.persistence.PatternRows.DayKey;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Adds a vehicle's newly stored faults to the recurring-patterns rollup, in the ingesting transaction: one
 * upsert per distinct (UTC day, code, model, ECU type, firmware) of the batch, not one per fault, so ingestion
 * pays little for it. Faults of undecodable reports do not exist, so they are in no pattern (as in the raw tables).
 */
@Component
class PatternRollup {

    private final PatternRows rows;

    PatternRollup(PatternRows rows) {
        this.rows = rows;
    }

    void add(String vin, String model, List<NewReport> reports) {
        Map<DayKey, Long> counts = new LinkedHashMap<>();
        for (NewReport report : reports) {
            int day = (int) LocalDate.ofInstant(report.occurredAt(), ZoneOffset.UTC).toEpochDay();
            report.faults().forEach(fault -> counts.merge(new DayKey(day, fault.dtc().baseCode(), model,
                    report.ecuType(), report.firmwareVersion()), 1L, Long::sum));
        }
        counts.forEach((key, observations) -> rows.add(vin, key, observations));
    }
}
