package io.pitwall.protocol.dtc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes UDS ReadDTCInformation (SID 0x19) positive responses (SID 0x59):
 * <ul>
 * <li>{@code 59 02 mask [DTC(3) status]*} — reportDTCByStatusMask;</li>
 * <li>{@code 59 08|09 mask [severity functionalUnit DTC(3) status]*} — by severity / severity of one DTC;</li>
 * <li>optionally preceded by a {@code 59 01 mask formatId count(2)} response (reportNumberOfDTCByStatusMask),
 * whose DTCFormatIdentifier then governs and whose count must match the records that follow.</li>
 * </ul>
 * Without a 0x01 prefix the DTCs are taken as SAE J2012-DA format. Only the J2012 formats (0x00, 0x04) are
 * decoded; ISO 14229-1 (0x01), SAE J1939-73 (0x02) and ISO 11992-4 (0x03) numbers do not carry J2012 letter
 * bits, so they are refused rather than displayed as a wrong code. A negative response ({@code 7F 19 NRC}) is
 * refused with its response code.
 */
public final class UdsDtcResponse {

    private static final int POSITIVE = 0x59;
    private static final int NEGATIVE = 0x7F;
    private static final String[] FORMATS = {
        "SAE_J2012-DA_DTCFormat_00",
        "ISO_14229-1_DTCFormat",
        "SAE_J1939-73_DTCFormat",
        "ISO_11992-4_DTCFormat",
        "SAE_J2012-DA_DTCFormat_04"
    };

    private UdsDtcResponse() {}

    /** Decodes hex text such as {@code 59 02 FF 0A 80 1B 2F}. */
    public static DecodedDtcs parse(String hex) {
        return parse(Hex.parse(hex));
    }

    public static DecodedDtcs parse(byte[] bytes) {
        if (bytes.length >= 2 && u(bytes, 0) == POSITIVE && u(bytes, 1) == 0x01) {
            if (bytes.length < 6) {
                throw new InvalidDtcException("truncated 0x59 0x01 response: " + bytes.length + " of 6 bytes");
            }
            int format = u(bytes, 3);
            if (format != 0x00 && format != 0x04) {
                throw new InvalidDtcException("DTC format " + (format < FORMATS.length ? FORMATS[format] + " " : "")
                        + String.format("0x%02X", format) + " is not supported: only SAE J2012-DA formats 0x00 and "
                        + "0x04 carry J2012 codes");
            }
            int count = u(bytes, 4) << 8 | u(bytes, 5);
            DecodedDtcs records = records(Arrays.copyOfRange(bytes, 6, bytes.length));
            if (records.faults().size() != count) {
                throw new InvalidDtcException("the 0x59 0x01 response counts " + count + " DTCs but "
                        + records.faults().size() + " records follow");
            }
            return records;
        }
        return records(bytes);
    }

    private static DecodedDtcs records(byte[] bytes) {
        if (bytes.length == 0) {
            throw new InvalidDtcException("empty response");
        }
        int sid = u(bytes, 0);
        if (sid == NEGATIVE) {
            throw new InvalidDtcException(
                    bytes.length >= 3
                            ? String.format(
                                    "negative response 0x7F to SID 0x%02X, response code 0x%02X",
                                    u(bytes, 1), u(bytes, 2))
                            : "truncated negative response 0x7F");
        }
        if (sid != POSITIVE) {
            throw new InvalidDtcException(
                    String.format("SID 0x%02X is not a ReadDTCInformation positive response (0x59)", sid));
        }
        if (bytes.length < 3) {
            throw new InvalidDtcException("truncated response: " + bytes.length + " bytes, the header is 3");
        }
        int sub = u(bytes, 1);
        boolean withSeverity = sub == 0x08 || sub == 0x09;
        if (sub != 0x02 && !withSeverity) {
            throw new InvalidDtcException(
                    String.format("sub-function 0x%02X is not supported (0x01, 0x02, 0x08, 0x09 are)", sub));
        }
        int size = withSeverity ? 6 : 4;
        int body = bytes.length - 3;
        if (body % size != 0) {
            throw new InvalidDtcException("truncated record: " + body + " bytes after the availability mask are not "
                    + "a whole number of " + size + "-byte records");
        }
        List<DtcFault> faults = new ArrayList<>(body / size);
        for (int at = 3; at < bytes.length; at += size) {
            int d = withSeverity ? at + 2 : at;
            Dtc dtc = Dtc.ofUds(u(bytes, d) << 16 | u(bytes, d + 1) << 8 | u(bytes, d + 2));
            faults.add(new DtcFault(
                    dtc,
                    new UdsStatus(u(bytes, d + 3)),
                    withSeverity ? new DtcSeverity(u(bytes, at)) : null,
                    withSeverity ? Integer.valueOf(u(bytes, at + 1)) : null));
        }
        return new DecodedDtcs(SourceFormat.UDS, faults, u(bytes, 2), null, null);
    }

    private static int u(byte[] bytes, int index) {
        return bytes[index] & 0xFF;
    }
}
