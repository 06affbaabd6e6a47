package io.pitwall.server.diagnostics;

import java.time.Instant;
import java.util.List;

/**
 * Fleet-wide fault counts since a time, grouped by J2012 code, ECU type and firmware version.
 *
 * @param code             the code asked for, or {@code null} for all
 * @param malformedReports DTC reports in the window that could not be decoded (they are in no count)
 * @param unknownEcuReports decoded reports in the window whose ECU the inventory does not know (counted
 *                         under a {@code null} ECU type and firmware version)
 */
public record FleetFaults(
        Instant since, String code, List<Count> counts, long malformedReports, long unknownEcuReports) {

    public FleetFaults {
        counts = List.copyOf(counts);
    }

    /**
     * @param observations reports that contained the code (a fault reported again counts again)
     * @param vehicles     distinct vehicles that reported it
     */
    public record Count(String code, String ecuType, String firmwareVersion, long observations, long vehicles) {}
}
