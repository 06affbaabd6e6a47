package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The server has durably stored, or refused for good, every event of this vehicle with
 * {@code seq <= ackedThroughSeq}; the vehicle may forget them. It is the highest seq below which nothing is
 * missing, so a gap (an event lost in transit) holds the acknowledgement back until the vehicle resends; a
 * refused event is not missing. {@code refused} (left out when empty, so older agents read the answer as
 * before) names the events of this batch that the server will never store, with a reason each: the vehicle
 * sets them aside instead of resending them. A refused event sent again is refused again with the same verdict.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventsAck(
        long ackedThroughSeq,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<EventRefusal> refused) {

    public EventsAck {
        if (ackedThroughSeq < 0) {
            throw new IllegalArgumentException("ackedThroughSeq must not be negative");
        }
        refused = refused == null ? List.of() : List.copyOf(refused);
    }

    /** An acknowledgement that refuses nothing. */
    public EventsAck(long ackedThroughSeq) {
        this(ackedThroughSeq, List.of());
    }
}
