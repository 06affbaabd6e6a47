package io.pitwall.protocol.dtc;

import java.util.List;

/** One SAE J2012 code as text; it carries neither status nor severity. */
final class J2012Text {

    private J2012Text() {}

    static DecodedDtcs parse(String text) {
        return new DecodedDtcs(
                SourceFormat.J2012, List.of(new DtcFault(Dtc.parse(text), null, null, null)), null, null, null);
    }
}
