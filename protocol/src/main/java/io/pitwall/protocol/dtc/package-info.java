/**
 * Diagnostic trouble codes: SAE J2012 display form, the ISO 14229-1 status and severity bytes, and decoders
 * of the three raw formats a vehicle may report (UDS ReadDTCInformation response bytes, J2012 text, the Pitwall
 * OEM JSON) into one normalized {@link io.pitwall.protocol.dtc.DecodedDtcs}. Malformed input is refused with
 * an {@link io.pitwall.protocol.dtc.InvalidDtcException} naming the reason, never decoded into a wrong code.
 */
package io.pitwall.protocol.dtc;
