package io.pitwall.agent;

import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.EventRefusal;

/**
 * An event the server refused for good ({@link EventRefusal}): set aside in the journal instead of being resent,
 * with the server's stable {@code code} and {@code detail}.
 */
public record RefusedEvent(DeviceEvent event, String code, String detail) {

    public RefusedEvent {
        if (event == null || code == null) {
            throw new IllegalArgumentException("event and code are required");
        }
        detail = detail == null ? "" : detail;
    }

    static RefusedEvent of(DeviceEvent event, EventRefusal verdict) {
        return new RefusedEvent(event, verdict.code(), verdict.detail());
    }
}
