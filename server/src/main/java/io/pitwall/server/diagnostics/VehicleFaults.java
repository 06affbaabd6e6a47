package io.pitwall.server.diagnostics;

import java.time.Instant;
import java.util.List;

/**
 * A vehicle's current faults per ECU and the quality of that answer.
 *
 * @param lastReportAt     when the server last received a decoded DTC report from the vehicle, or {@code null}
 * @param malformedReports DTC reports of this vehicle that could not be decoded, ever
 */
public record VehicleFaults(String vin, AnswerQuality quality, Instant lastReportAt, long malformedReports,
        List<EcuFaults> ecus) {

    public VehicleFaults {
        ecus = List.copyOf(ecus);
    }
}
