package io.pitwall.server.device.web;

import io.pitwall.protocol.device.DeviceJson;
import io.pitwall.protocol.device.EventBatch;
import io.pitwall.protocol.device.EventsAck;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.telemetry.EventIngestion;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /device/v1/vehicles/{vin}/events}: store a batch once, answer how far it is acknowledged. */
@RestController
class EventsController {

    private final EventIngestion ingestion;

    EventsController(EventIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @PostMapping(path = "/device/v1/vehicles/{vin}/events", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    EventsAck events(@PathVariable String vin, @RequestBody byte[] body) {
        EventBatch batch;
        try {
            batch = DeviceJson.read(body, EventBatch.class);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("invalid-event-batch", DeviceErrors.reason(e));
        }
        if (batch.events().isEmpty()) {
            throw ApiException.badRequest("invalid-event-batch", "A batch carries at least one event");
        }
        return new EventsAck(ingestion.ingest(vin, batch.events()));
    }
}
