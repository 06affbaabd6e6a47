package io.pitwall.server.telemetry;

import io.pitwall.protocol.device.EventRefusal;
import java.util.List;

/**
 * How far a vehicle's events are acknowledged after a batch (every seq up to it stored or refused), and the
 * verdicts on the batch's refused events: refused now, or refused before and sent again.
 */
public record Acknowledgement(long ackedThrough, List<EventRefusal> refused) {

    public Acknowledgement {
        refused = List.copyOf(refused);
    }
}
