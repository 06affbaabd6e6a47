package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The server has durably stored every event of this vehicle with {@code seq <= ackedThroughSeq}; the
 * vehicle may forget them. It is the highest seq below which nothing is missing, so a gap (an event
 * lost in transit) holds the acknowledgement back until the vehicle resends.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventsAck(long ackedThroughSeq) {

    public EventsAck {
        if (ackedThroughSeq < 0) {
            throw new IllegalArgumentException("ackedThroughSeq must not be negative");
        }
    }
}
