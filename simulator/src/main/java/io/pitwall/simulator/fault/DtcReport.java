package io.pitwall.simulator.fault;

import io.pitwall.protocol.dtc.Dtc;
import io.pitwall.protocol.dtc.DtcDecoder;
import java.util.List;
import java.util.Map;

/**
 * One DTC_REPORT as a simulated ECU sends it through the agent ({@code code} and {@code detail} of the event),
 * in one of the three raw formats the server normalizes: UDS 0x19 0x02 response bytes, SAE J2012 text, or the
 * OEM JSON. An empty OEM JSON report means the ECU's fault memory was cleared.
 */
public record DtcReport(String ecuSerial, String code, String detail) {

    /** ISO 14229-1 status: testFailed, testFailedThisOperationCycle, pendingDTC, confirmedDTC, testFailedSinceLastClear. */
    static final int STATUS = 0x2F;
    /** DTCSeverity: checkAtNextHalt. */
    static final int SEVERITY = 0x40;

    /** Usual codes by ECU type, each with a failure type; the first is what a bad image of that type reports. */
    static final Map<String, List<String>> USUAL = Map.of(
            "BMS", List.of("P0A80-1B", "P0AFA-16", "P0A7F-00"),
            "INFOTAINMENT", List.of("B1A01-13", "U0184-87", "U0198-87"),
            "TELEMATICS", List.of("U0100-87", "B1D00-15", "U0198-00"),
            "GATEWAY", List.of("U0001-88", "U0121-87", "U0100-87"),
            "ADAS", List.of("C1A00-29", "U0428-00", "C0561-71"));

    private static final List<String> OTHER = List.of("U0100-87");

    public enum Format {
        UDS,
        J2012,
        OEM_JSON
    }

    static List<String> usual(String ecuType) {
        return USUAL.getOrDefault(ecuType, OTHER);
    }

    /** A report of one confirmed fault in the given format. */
    static DtcReport fault(String ecuSerial, Dtc dtc, Format format) {
        int failureType = dtc.failureType() == null ? 0 : dtc.failureType();
        return switch (format) {
            case UDS ->
                new DtcReport(
                        ecuSerial,
                        null,
                        DtcDecoder.UDS_PREFIX
                                + String.format(
                                        "59 02 FF %02X %02X %02X %02X",
                                        dtc.code() >>> 8, dtc.code() & 0xFF, failureType, STATUS));
            case J2012 -> new DtcReport(ecuSerial, dtc.display(), null);
            case OEM_JSON ->
                new DtcReport(
                        ecuSerial,
                        null,
                        String.format(
                                "{\"ecu\":\"%s\",\"dtcs\":[{\"code\":\"%s\",\"status\":\"0x%02X\",\"severity\":\"0x%02X\"}]}",
                                ecuSerial, dtc.display(), STATUS, SEVERITY));
        };
    }

    /** A report of an empty fault memory (after a clear). */
    static DtcReport cleared(String ecuSerial) {
        return new DtcReport(ecuSerial, null, "{\"ecu\":\"" + ecuSerial + "\",\"dtcs\":[]}");
    }

    public boolean isClear() {
        return detail != null && detail.endsWith("\"dtcs\":[]}");
    }
}
