package io.pitwall.server.diagnostics.internal;

import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.DeviceJson;
import io.pitwall.protocol.device.EventType;
import io.pitwall.protocol.dtc.DecodedDtcs;
import io.pitwall.protocol.dtc.DtcDecoder;
import io.pitwall.protocol.dtc.InvalidDtcException;
import io.pitwall.server.diagnostics.ReportQuality;
import io.pitwall.server.diagnostics.persistence.DtcReports;
import io.pitwall.server.diagnostics.persistence.DtcReports.EcuInstant;
import io.pitwall.server.diagnostics.persistence.DtcReports.NewReport;
import io.pitwall.server.inventory.Ecu;
import io.pitwall.server.telemetry.DataQuality;
import io.pitwall.server.telemetry.RecordedEvent;
import io.pitwall.server.telemetry.VehicleEventsRecorded;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns each newly stored DTC_REPORT event into a stored report with normalized faults, in the ingesting
 * transaction. A payload that cannot be decoded is stored flagged {@link ReportQuality#MALFORMED_PAYLOAD} with
 * the reason and no faults: the vehicle's batch is never refused for it, and no code is guessed. The faults are
 * added to the recurring-patterns rollup ({@link PatternRollup}) in the same transaction. The new
 * observations are then classified by the active severity rules ({@link FaultClassifier}). A report the vehicle
 * already sent under another seq (same ECU, instant and faults) is stored flagged {@link ReportQuality#DUPLICATE}
 * and counted nowhere.
 */
@Component
class DtcReportRecorder {

    private static final Logger log = LoggerFactory.getLogger(DtcReportRecorder.class);
    private static final int MAX_PROBLEM = 300;
    private final DtcReports reports;
    private final VehicleEcus ecus;
    private final FaultClassifier classifier;
    private final PatternRollup patterns;

    DtcReportRecorder(DtcReports reports, VehicleEcus ecus, FaultClassifier classifier, PatternRollup patterns) {
        this.reports = reports;
        this.patterns = patterns;
        this.ecus = ecus;
        this.classifier = classifier;
    }

    @EventListener
    void on(VehicleEventsRecorded recorded) {
        List<RecordedEvent> dtcReports = recorded.events().stream()
                .filter(r -> r.event().type() == EventType.DTC_REPORT)
                .toList();
        if (dtcReports.isEmpty()) {
            return;
        }
        VehicleEcus.Known known = ecus.of(recorded.vin());
        List<NewReport> built = new ArrayList<>(dtcReports.size());
        for (RecordedEvent r : dtcReports) {
            built.add(report(recorded.vin(), r, known.ecus()));
        }
        List<NewReport> stored = flagDuplicates(recorded.vin(), built);
        reports.insert(stored);
        List<NewReport> counted = stored.stream()
                .filter(r -> !r.quality().contains(ReportQuality.DUPLICATE))
                .toList();
        patterns.add(recorded.vin(), known.model(), counted);
        classifier.classify(recorded.vin(), counted);
    }

    /**
     * Flags {@link ReportQuality#DUPLICATE} every decoded report whose ECU, instant and faults the vehicle already
     * sent (stored, or earlier in this batch): one lookup per batch by the (vin, ECU, time) index.
     */
    private List<NewReport> flagDuplicates(String vin, List<NewReport> built) {
        List<EcuInstant> keys = built.stream()
                .filter(r -> r.ecuSerial() != null && r.faultDigest() != null)
                .map(DtcReportRecorder::key)
                .toList();
        if (keys.isEmpty()) {
            return built;
        }
        Set<EcuInstant> seen = new HashSet<>(reports.stored(vin, new HashSet<>(keys)));
        List<NewReport> flagged = new ArrayList<>(built.size());
        for (NewReport r : built) {
            if (r.ecuSerial() == null || r.faultDigest() == null || seen.add(key(r))) {
                flagged.add(r);
                continue;
            }
            flagged.add(r.flagged(ReportQuality.DUPLICATE));
        }
        return flagged;
    }

    /** Stored times have microseconds, so the comparison does too. */
    private static EcuInstant key(NewReport r) {
        return new EcuInstant(r.ecuSerial(), r.occurredAt().truncatedTo(ChronoUnit.MICROS), r.faultDigest());
    }

    private NewReport report(String vin, RecordedEvent recorded, Map<String, Ecu> known) {
        DeviceEvent event = recorded.event();
        Set<ReportQuality> quality = EnumSet.noneOf(ReportQuality.class);
        recorded.quality().forEach(flag -> {
            if (flag == DataQuality.FUTURE_TIMESTAMP) {
                quality.add(ReportQuality.FUTURE_TIMESTAMP);
            } else if (flag == DataQuality.SEQUENCE_GAP) {
                quality.add(ReportQuality.SEQUENCE_GAP);
            } else if (flag == DataQuality.OUT_OF_ORDER) {
                quality.add(ReportQuality.OUT_OF_ORDER);
            }
        });
        DecodedDtcs decoded = null;
        String problem = null;
        try {
            decoded = DtcDecoder.decodeReport(event.code(), event.detail());
        } catch (InvalidDtcException e) {
            problem = e.getMessage();
        } catch (RuntimeException e) {
            log.warn("DTC report {} of vehicle {} could not be decoded", event.seq(), vin, e);
            problem = "undecodable payload (" + e.getClass().getSimpleName() + ")";
        }
        String serial = event.ecuSerial() != null ? event.ecuSerial() : decoded == null ? null : decoded.ecu();
        Ecu ecu = serial == null ? null : known.get(serial);
        if (ecu == null) {
            quality.add(ReportQuality.UNKNOWN_ECU);
        }
        if (decoded == null) {
            quality.add(ReportQuality.MALFORMED_PAYLOAD);
        }
        String state = decoded == null || decoded.vehicleState() == null
                ? null
                : new String(DeviceJson.write(decoded.vehicleState()), StandardCharsets.UTF_8);
        return new NewReport(
                vin,
                event.seq(),
                clip(serial, 64),
                ecu == null ? null : ecu.type().name(),
                ecu == null ? null : ecu.softwareVersion(),
                decoded == null ? null : decoded.format(),
                event.occurredAt(),
                recorded.receivedAt(),
                clip(state, 1000),
                quality,
                clip(problem, MAX_PROBLEM),
                decoded == null ? List.of() : decoded.faults(),
                decoded == null ? null : DtcReports.digest(decoded.faults()));
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
