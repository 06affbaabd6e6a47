package io.pitwall.server.diagnostics;

import io.pitwall.protocol.device.DeviceJson;
import io.pitwall.protocol.device.VehicleSignals;
import io.pitwall.protocol.dtc.Dtc;
import io.pitwall.protocol.dtc.DtcFault;
import io.pitwall.server.diagnostics.persistence.DtcReports.StoredReport;
import io.pitwall.server.diagnostics.persistence.FaultQueries;
import io.pitwall.server.inventory.Ecu;
import io.pitwall.server.inventory.FindVehicles;
import io.pitwall.server.inventory.KnownVehicles;
import io.pitwall.server.inventory.VehicleReporting;
import io.pitwall.server.inventory.Vin;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads faults: a vehicle's current faults per ECU and fleet-wide counts, each with the quality of the answer.
 * A vehicle without decoded reports, or whose last one is older than {@link DiagnosticsSettings#staleAfter()},
 * is {@code insufficient-data}, never "healthy". The answer is {@code degraded} when it is partial (ECUs the
 * inventory lists sent no decoded report within that threshold: {@code ecus-not-reporting}), when the software
 * the vehicle reported at check-in differs from the inventory ({@code version-inconsistent}), or when reports
 * carry quality flags (malformed, unknown ECU, future timestamp, sequence gap, out of order).
 */
@Service
public class FindFaults {

    private final FaultQueries queries;
    private final DiagnosticsSettings settings;
    private final KnownVehicles known;
    private final FindVehicles vehicles;
    private final VehicleReporting reporting;
    private final Clock clock;

    FindFaults(
            FaultQueries queries,
            DiagnosticsSettings settings,
            KnownVehicles known,
            FindVehicles vehicles,
            VehicleReporting reporting,
            Clock clock) {
        this.queries = queries;
        this.settings = settings;
        this.known = known;
        this.vehicles = vehicles;
        this.reporting = reporting;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public VehicleFaults vehicle(String vin) {
        List<StoredReport> latest = queries.latestDecodedPerEcu(vin);
        Map<Long, List<DtcFault>> faults =
                queries.faults(latest.stream().map(StoredReport::id).toList());
        List<EcuFaults> ecus = new ArrayList<>();
        Set<String> reasons = new LinkedHashSet<>();
        for (StoredReport r : latest) {
            ecus.add(new EcuFaults(
                    r.ecuSerial(),
                    r.ecuType(),
                    r.firmwareVersion(),
                    r.format(),
                    r.occurredAt(),
                    r.receivedAt(),
                    r.vehicleState() == null ? null : DeviceJson.read(r.vehicleState(), VehicleSignals.class),
                    r.quality(),
                    faults.get(r.id())));
            r.quality()
                    .forEach(flag ->
                            reasons.add(flag.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        }
        long malformed = queries.malformedReports(vin);
        Instant last = queries.lastDecodedReceivedAt(vin);
        Instant staleBefore = clock.instant().minus(settings.staleAfter());
        boolean insufficient = false;
        if (last == null) {
            reasons.add("no-dtc-reports");
            insufficient = true;
        } else if (last.isBefore(staleBefore)) {
            reasons.add("last-report-stale");
            insufficient = true;
        }
        if (malformed > 0) {
            reasons.add("malformed-reports");
        }
        List<String> notReporting = List.of();
        List<VehicleFaults.VersionMismatch> inconsistent = List.of();
        if (last != null && queries.flaggedSince(vin, ReportQuality.OUT_OF_ORDER, staleBefore)) {
            reasons.add("out-of-order");
        }
        if (known.exists(vin)) {
            notReporting = insufficient ? List.of() : notReporting(vin, latest, staleBefore);
            if (!notReporting.isEmpty()) {
                reasons.add("ecus-not-reporting");
            }
            inconsistent = reporting.drift(vin).stream()
                    .filter(d -> d.expectedVersion() != null && d.reportedVersion() != null)
                    .map(d -> new VehicleFaults.VersionMismatch(d.serial(), d.expectedVersion(), d.reportedVersion()))
                    .toList();
            if (!inconsistent.isEmpty()) {
                reasons.add("version-inconsistent");
            }
        }
        String status = insufficient ? "insufficient-data" : reasons.isEmpty() ? "ok" : "degraded";
        return new VehicleFaults(
                vin,
                new AnswerQuality(status, List.copyOf(reasons)),
                last,
                malformed,
                ecus,
                notReporting,
                inconsistent);
    }

    /** The inventory's ECUs of the vehicle without a decoded report received since {@code staleBefore}. */
    private List<String> notReporting(String vin, List<StoredReport> latest, Instant staleBefore) {
        Set<String> fresh = new java.util.HashSet<>();
        latest.stream().filter(r -> !r.receivedAt().isBefore(staleBefore)).forEach(r -> fresh.add(r.ecuSerial()));
        return vehicles.get(Vin.of(vin)).vehicle().ecus().stream()
                .map(Ecu::serial)
                .filter(serial -> !fresh.contains(serial))
                .sorted()
                .toList();
    }

    /** Counts since {@code since} ({@code null} = the configured fleet window) of {@code code} ({@code null} = all). */
    @Transactional(readOnly = true)
    public FleetFaults fleet(Dtc code, Instant since) {
        Instant from = since != null ? since : clock.instant().minus(settings.fleetWindow());
        boolean exact = code != null && code.failureType() != null;
        String text = code == null ? null : exact ? code.display() : code.baseCode();
        long[] quality = queries.fleetQualityCounts(from);
        return new FleetFaults(from, text, queries.fleet(text, exact, from), quality[0], quality[1]);
    }
}
