package io.pitwall.protocol.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST /device/v1/vehicles/{vin}/checkin}: the vehicle's state, how it is connected,
 * whether the owner consents to updates, and the ECU manifest (one entry per ECU). {@code ecuReports}
 * (optional, left out when empty) are ECU-signed {@link EcuVersionReport} envelopes, kept as received
 * because their signatures cover the exact signed part; an agent sends them only when an ECU's installed
 * image changed or the server asked for them ({@link CheckinResponse#reportNonce()}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckinRequest(
        VehicleSignals signals,
        Connectivity connectivity,
        boolean ownerConsent,
        List<EcuVersion> ecus,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<JsonNode> ecuReports) {

    public CheckinRequest {
        connectivity = connectivity == null ? Connectivity.NONE : connectivity;
        ecus = ecus == null ? List.of() : List.copyOf(ecus);
        ecuReports = ecuReports == null ? List.of() : List.copyOf(ecuReports);
    }

    /** A check-in without signed ECU reports. */
    public CheckinRequest(
            VehicleSignals signals, Connectivity connectivity, boolean ownerConsent, List<EcuVersion> ecus) {
        this(signals, connectivity, ownerConsent, ecus, List.of());
    }
}
