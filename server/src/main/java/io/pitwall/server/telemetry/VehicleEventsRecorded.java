package io.pitwall.server.telemetry;

import java.util.List;

/**
 * Published in the ingesting transaction with the events stored for the first time (never a resent
 * duplicate), in seq order, so projections see each event exactly once.
 */
public record VehicleEventsRecorded(String vin, List<RecordedEvent> events) {

    public VehicleEventsRecorded {
        events = List.copyOf(events);
    }
}
