package io.pitwall.server.diagnostics.internal;

import io.pitwall.server.diagnostics.persistence.DtcReports.NewReport;
import io.pitwall.server.diagnostics.persistence.PatternDeltas;
import io.pitwall.server.diagnostics.persistence.PatternRows;
import io.pitwall.server.diagnostics.persistence.PatternRows.DayKey;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Adds a vehicle's newly stored faults to the recurring-patterns rollup, in the ingesting transaction, counted
 * per distinct (UTC day, code, model, ECU type, firmware) of the batch, not per fault: the vehicle's own
 * fault_pattern_day rows are merged (one JDBC batch), and the fleet-wide counts are appended to
 * fault_pattern_delta (one JDBC batch) for {@link PatternFold} to sum into fault_pattern_count. No row shared
 * by two vehicles is written here, so concurrent batches of vehicles reporting the same code never queue on
 * each other. Faults of undecodable reports do not exist, so they are in no pattern (as in the raw tables).
 */
@Component
class PatternRollup {

    private final PatternRows rows;
    private final PatternDeltas deltas;

    PatternRollup(PatternRows rows, PatternDeltas deltas) {
        this.rows = rows;
        this.deltas = deltas;
    }

    void add(String vin, String model, List<NewReport> reports) {
        Map<DayKey, Long> counts = new TreeMap<>(DayKey.ORDER);
        for (NewReport report : reports) {
            int day = (int)
                    LocalDate.ofInstant(report.occurredAt(), ZoneOffset.UTC).toEpochDay();
            report.faults()
                    .forEach(fault -> counts.merge(
                            new DayKey(day, fault.dtc().baseCode(), model, report.ecuType(), report.firmwareVersion()),
                            1L,
                            Long::sum));
        }
        if (counts.isEmpty()) {
            return;
        }
        rows.addVehicleDays(vin, counts);
        deltas.append(counts);
    }
}
