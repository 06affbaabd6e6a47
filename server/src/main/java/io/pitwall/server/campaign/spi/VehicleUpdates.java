package io.pitwall.server.campaign.spi;

import io.pitwall.server.campaign.persistence.VehicleUpdateRows;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Which campaigns touched which vehicles recently: for diagnostics rules and service-case context. */
@Service
public class VehicleUpdates {

    private final VehicleUpdateRows rows;

    VehicleUpdates(VehicleUpdateRows rows) {
        this.rows = rows;
    }

    /** The vehicle's assignments changed since the time, oldest first. */
    @Transactional(readOnly = true)
    public List<VehicleUpdate> of(String vin, Instant since) {
        return rows.changedSince(List.of(vin), since).getOrDefault(vin, List.of());
    }

    /** The same for many vehicles at once, by VIN (vehicles without any are absent). */
    @Transactional(readOnly = true)
    public Map<String, List<VehicleUpdate>> of(Collection<String> vins, Instant since) {
        return rows.changedSince(vins, since);
    }
}
