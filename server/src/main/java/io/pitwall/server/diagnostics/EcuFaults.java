package io.pitwall.server.diagnostics;

import io.pitwall.protocol.device.VehicleSignals;
import io.pitwall.protocol.dtc.DtcFault;
import io.pitwall.protocol.dtc.SourceFormat;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One ECU's current faults: those of its latest decoded DTC report (an empty list means the ECU reported a
 * clean fault memory), with the ECU's type and firmware version as the inventory listed them at that time.
 *
 * @param ecuType         {@code null} when the inventory does not know the ECU ({@link ReportQuality#UNKNOWN_ECU})
 * @param firmwareVersion {@code null} likewise
 * @param vehicleState    the vehicle state the report carried, or {@code null}
 */
public record EcuFaults(
        String ecuSerial,
        String ecuType,
        String firmwareVersion,
        SourceFormat format,
        Instant occurredAt,
        Instant receivedAt,
        VehicleSignals vehicleState,
        Set<ReportQuality> quality,
        List<DtcFault> faults) {

    public EcuFaults {
        quality = Set.copyOf(quality);
        faults = List.copyOf(faults);
    }
}
