package io.pitwall.protocol.dtc;

import io.pitwall.protocol.device.VehicleSignals;
import java.util.List;

/**
 * A DTC report decoded into the normalized schema. An empty fault list is a real answer: the ECU's fault
 * memory holds nothing matching the request.
 *
 * @param availabilityMask the status bits the ECU supports (UDS only), or {@code null}
 * @param ecu              the ECU the report names itself (OEM JSON only), or {@code null}
 * @param vehicleState     the vehicle state at the time (OEM JSON only), or {@code null}
 */
public record DecodedDtcs(
        SourceFormat format, List<DtcFault> faults, Integer availabilityMask, String ecu, VehicleSignals vehicleState) {

    public DecodedDtcs {
        if (format == null) {
            throw new IllegalArgumentException("format is required");
        }
        faults = List.copyOf(faults);
    }
}
