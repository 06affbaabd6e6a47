package io.pitwall.server.telemetry.persistence;

import static io.pitwall.server.privacy.DataClass.DIAGNOSTIC;
import static io.pitwall.server.privacy.DataClass.SERVICE;

import io.pitwall.server.privacy.DataCatalogue.SignalColumn;
import io.pitwall.server.privacy.DataCatalogue.Table;
import io.pitwall.server.privacy.PersonalDataContribution;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The telemetry module's vehicle data for the privacy catalogue: events, their cursors and refusals. */
@Component
class TelemetryPersonalData implements PersonalDataContribution {

    @Override
    public List<Table> tables() {
        return List.of(
                Table.of(
                        "vehicle_event",
                        DIAGNOSTIC,
                        Map.of(),
                        "vin seq type occurred_at received_at assignment_id ecu_serial code detail "
                                + "progress command_id quality"),
                Table.of(
                        "event_cursor",
                        SERVICE,
                        Map.of(),
                        "vin acked_through max_seq last_seen_at max_seq_occurred_at"),
                Table.of("event_refusal", DIAGNOSTIC, Map.of(), "vin seq code detail refused_at"));
    }

    @Override
    public List<SignalColumn> signalColumns() {
        return List.of(new SignalColumn("vehicle_event", "detail", "received_at", List.of("vin", "seq")));
    }
}
