package io.pitwall.server.device.web;

import io.pitwall.protocol.device.EventsAck;
import io.pitwall.server.access.AuthenticatedVehicle;
import io.pitwall.server.telemetry.Acknowledgement;
import io.pitwall.server.telemetry.EventIngestion;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /device/v1/vehicles/{vin}/events}: store a batch once, answer how far it is acknowledged and which
 * of its events the server refuses for good. A batch that cannot be read as a whole is refused whole with 400
 * (see {@link EventBatchInput}); one event the server cannot store is refused by its seq while the others are
 * stored, so it never holds up the vehicle's later events. Odd but storable events are kept and flagged by
 * ingestion.
 */
@RestController
class EventsController {

    private final EventIngestion ingestion;

    EventsController(EventIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @PostMapping(
            path = "/device/v1/vehicles/{vin}/events",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    EventsAck events(AuthenticatedVehicle vehicle, @RequestBody byte[] body) {
        EventBatchInput batch = EventBatchInput.read(body);
        Acknowledgement ack = ingestion.ingest(vehicle.vin(), batch.events(), batch.refused());
        return new EventsAck(ack.ackedThrough(), ack.refused());
    }
}
