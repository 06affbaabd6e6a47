package io.pitwall.server.diagnostics;

import io.pitwall.server.diagnostics.persistence.ObservationRows;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A vehicle's stored fault observations over time, for other modules (service-case context). */
@Service
public class FaultHistory {

    private final ObservationRows rows;
    private final Clock clock;

    FaultHistory(ObservationRows rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    /** The newest {@code limit} observations that occurred since the time, oldest first. */
    @Transactional(readOnly = true)
    public List<FaultObservation> of(String vin, Instant since, int limit) {
        return rows.ofVehicle(vin, since, clock.instant().plusSeconds(86_400), limit);
    }
}
