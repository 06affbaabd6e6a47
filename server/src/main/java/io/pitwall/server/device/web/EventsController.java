package io.pitwall.server.device.web;

import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.EventBatch;
import io.pitwall.protocol.device.EventsAck;
import io.pitwall.server.access.AuthenticatedVehicle;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.telemetry.EventIngestion;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /device/v1/vehicles/{vin}/events}: store a batch once, answer how far it is acknowledged.
 * A batch that cannot be stored as sent (unreadable, empty, more than 500 events, a field longer than its
 * column or with control characters, a time outside the years 1-9999) is refused whole with 400
 * {@code invalid-event-batch}; odd but storable events are kept and flagged by ingestion instead.
 */
@RestController
class EventsController {

    static final String CODE = "invalid-event-batch";
    private final EventIngestion ingestion;

    EventsController(EventIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @PostMapping(path = "/device/v1/vehicles/{vin}/events", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    EventsAck events(AuthenticatedVehicle vehicle, @RequestBody byte[] body) {
        EventBatch batch = DeviceInput.read(body, EventBatch.class, CODE);
        if (batch.events().isEmpty()) {
            throw ApiException.badRequest(CODE, "A batch carries at least one event");
        }
        for (DeviceEvent event : batch.events()) {
            check(event);
        }
        return new EventsAck(ingestion.ingest(vehicle.vin(), batch.events()));
    }

    private static void check(DeviceEvent event) {
        String at = "event " + event.seq() + ": ";
        DeviceInput.instant(event.occurredAt(), at + "occurredAt", CODE);
        DeviceInput.text(event.assignmentId(), 64, false, at + "assignmentId", CODE);
        DeviceInput.text(event.ecuSerial(), 64, false, at + "ecuSerial", CODE);
        DeviceInput.text(event.code(), 100, false, at + "code", CODE);
        DeviceInput.text(event.detail(), 2000, true, at + "detail", CODE);
        DeviceInput.text(event.commandId(), 64, false, at + "commandId", CODE);
    }
}
