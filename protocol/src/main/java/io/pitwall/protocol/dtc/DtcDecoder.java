package io.pitwall.protocol.dtc;

/**
 * Decodes raw DTC input in any of the {@link SourceFormat}s, and the DTC_REPORT event of the device contract:
 * its {@code detail} holds {@code uds:<hex>} (UDS response bytes) or an OEM JSON object; otherwise its
 * {@code code} holds J2012 text (the form agents sent before formats existed) and {@code detail} is a free note.
 */
public final class DtcDecoder {

    /** The marker that opens UDS response hex in a DTC_REPORT's {@code detail}. */
    public static final String UDS_PREFIX = "uds:";

    private DtcDecoder() {}

    public static DecodedDtcs decode(SourceFormat format, String input) {
        return switch (format) {
            case UDS -> UdsDtcResponse.parse(withoutUdsPrefix(input));
            case J2012 -> J2012Text.parse(input);
            case OEM_JSON -> OemDtcJson.parse(input);
        };
    }

    /** Decodes input whose format is told by its shape: {@code {...}} JSON, {@code uds:} or hex digits, or J2012. */
    public static DecodedDtcs detect(String input) {
        return decode(detectFormat(input), input);
    }

    /** Decodes a DTC_REPORT event's payload, as described above. */
    public static DecodedDtcs decodeReport(String code, String detail) {
        String note = detail == null ? "" : detail.strip();
        if (note.regionMatches(true, 0, UDS_PREFIX, 0, UDS_PREFIX.length())) {
            return UdsDtcResponse.parse(note.substring(UDS_PREFIX.length()));
        }
        if (note.startsWith("{")) {
            return OemDtcJson.parse(note);
        }
        if (code == null || code.isBlank()) {
            throw new InvalidDtcException("the DTC report carries no code, no uds: bytes and no OEM JSON");
        }
        return J2012Text.parse(code);
    }

    static SourceFormat detectFormat(String input) {
        String text = input == null ? "" : input.strip();
        if (text.startsWith("{")) {
            return SourceFormat.OEM_JSON;
        }
        if (text.regionMatches(true, 0, UDS_PREFIX, 0, UDS_PREFIX.length())
                || text.isEmpty()
                || Character.isDigit(text.charAt(0))) {
            return SourceFormat.UDS;
        }
        return SourceFormat.J2012;
    }

    private static String withoutUdsPrefix(String input) {
        String text = input == null ? "" : input.strip();
        return text.regionMatches(true, 0, UDS_PREFIX, 0, UDS_PREFIX.length())
                ? text.substring(UDS_PREFIX.length())
                : text;
    }
}
