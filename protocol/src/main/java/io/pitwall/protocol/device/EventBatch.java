package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Body of {@code POST /device/v1/vehicles/{vin}/events}: up to {@value #MAX_EVENTS} events in seq order.
 * The answer is {@link EventsAck}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventBatch(List<DeviceEvent> events) {

    public static final int MAX_EVENTS = 500;

    public EventBatch {
        events = events == null ? List.of() : List.copyOf(events);
        if (events.size() > MAX_EVENTS) {
            throw new IllegalArgumentException("at most " + MAX_EVENTS + " events per batch");
        }
    }
}
