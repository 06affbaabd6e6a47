package io.pitwall.server.diagnostics.web;

import io.pitwall.protocol.dtc.DecodedDtcs;
import io.pitwall.protocol.dtc.DtcFault;
import io.pitwall.protocol.dtc.DtcSeverity;
import io.pitwall.protocol.dtc.UdsStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of normalized faults, shared by the fault read API and the decoder. */
final class FaultJson {

    /**
     * @param code        the J2012 code without failure type, e.g. {@code P0A80}
     * @param displayCode the J2012 display form, e.g. {@code P0A80-1B}
     * @param dtcHex      the raw DTC number, 4 or 6 hex digits
     * @param status      {@code mask} and every ISO 14229-1 bit by name, or {@code null} if not reported
     * @param severity    {@code mask}, the three action bits and {@code dtcClasses}, or {@code null}
     */
    record FaultResponse(
            String code,
            String displayCode,
            String dtcHex,
            Map<String, Object> status,
            Map<String, Object> severity,
            Integer functionalUnit) {}

    record DecodedResponse(
            String format, Integer availabilityMask, String ecu, Object vehicleState, List<FaultResponse> faults) {}

    private FaultJson() {}

    static List<FaultResponse> faults(List<DtcFault> faults) {
        return faults.stream().map(FaultJson::fault).toList();
    }

    static DecodedResponse decoded(DecodedDtcs decoded) {
        return new DecodedResponse(
                decoded.format().name(),
                decoded.availabilityMask(),
                decoded.ecu(),
                decoded.vehicleState(),
                faults(decoded.faults()));
    }

    private static FaultResponse fault(DtcFault fault) {
        return new FaultResponse(
                fault.dtc().baseCode(),
                fault.dtc().display(),
                fault.dtc().hex(),
                status(fault.status()),
                severity(fault.severity()),
                fault.functionalUnit());
    }

    private static Map<String, Object> status(UdsStatus status) {
        if (status == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mask", status.hex());
        json.putAll(status.bits());
        return json;
    }

    private static Map<String, Object> severity(DtcSeverity severity) {
        if (severity == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mask", severity.hex());
        json.put("maintenanceOnly", severity.maintenanceOnly());
        json.put("checkAtNextHalt", severity.checkAtNextHalt());
        json.put("checkImmediately", severity.checkImmediately());
        json.put("dtcClasses", severity.dtcClasses());
        return json;
    }
}
