package io.pitwall.protocol.dtc;

/** The raw format a DTC report arrived in. Stored and exchanged by name. */
public enum SourceFormat {
    /** UDS ReadDTCInformation (0x19) positive response bytes, as hex. */
    UDS,
    /** SAE J2012 text, e.g. {@code P0A80} or {@code U0100-87}. */
    J2012,
    /** The Pitwall OEM JSON object (see {@link OemDtcJson}). */
    OEM_JSON
}
