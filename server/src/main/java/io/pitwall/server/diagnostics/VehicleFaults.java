package io.pitwall.server.diagnostics;

import java.time.Instant;
import java.util.List;

/**
 * A vehicle's current faults per ECU and the quality of that answer.
 *
 * @param lastReportAt     when the server last received a decoded DTC report from the vehicle, or {@code null}
 * @param malformedReports DTC reports of this vehicle that could not be decoded, ever
 * @param notReporting     ECUs the inventory lists without a decoded report within the stale threshold (the
 *                         answer is partial: their fault memory is unknown)
 * @param inconsistent     ECUs whose software the vehicle reported at check-in differs from the inventory's
 */
public record VehicleFaults(
        String vin,
        AnswerQuality quality,
        Instant lastReportAt,
        long malformedReports,
        List<EcuFaults> ecus,
        List<String> notReporting,
        List<VersionMismatch> inconsistent) {

    public VehicleFaults {
        ecus = List.copyOf(ecus);
        notReporting = List.copyOf(notReporting);
        inconsistent = List.copyOf(inconsistent);
    }

    /** An ECU whose reported software version is not the one the inventory records. */
    public record VersionMismatch(String ecuSerial, String inventoryVersion, String reportedVersion) {}
}
