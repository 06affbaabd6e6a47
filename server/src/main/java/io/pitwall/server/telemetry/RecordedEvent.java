package io.pitwall.server.telemetry;

import io.pitwall.protocol.device.DeviceEvent;
import java.time.Instant;
import java.util.Set;

/** An event as stored: what the vehicle sent, when it arrived, and its data-quality flags. */
public record RecordedEvent(String vin, DeviceEvent event, Instant receivedAt, Set<DataQuality> quality) {

    public RecordedEvent {
        quality = Set.copyOf(quality);
    }
}
