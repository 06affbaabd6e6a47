package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Body of {@code POST /device/v1/vehicles/{vin}/checkin}: the vehicle's state, how it is connected,
 * whether the owner consents to updates, and the ECU manifest (one entry per ECU).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckinRequest(VehicleSignals signals, Connectivity connectivity, boolean ownerConsent,
        List<EcuVersion> ecus) {

    public CheckinRequest {
        connectivity = connectivity == null ? Connectivity.NONE : connectivity;
        ecus = ecus == null ? List.of() : List.copyOf(ecus);
    }
}
