package io.pitwall.server.diagnostics.internal;

import io.pitwall.server.diagnostics.persistence.DtcReports;
import io.pitwall.server.telemetry.SequenceGapsFilled;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Takes the sequence-gap flag off DTC reports whose missing predecessors arrived, in the ingesting transaction,
 * so a vehicle's fault answer stops calling them degraded once nothing is missing before them.
 */
@Component
class SequenceGapClearing {

    private final DtcReports reports;

    SequenceGapClearing(DtcReports reports) {
        this.reports = reports;
    }

    @EventListener
    void on(SequenceGapsFilled filled) {
        reports.clearSequenceGap(filled.vin(), filled.seqs());
    }
}
