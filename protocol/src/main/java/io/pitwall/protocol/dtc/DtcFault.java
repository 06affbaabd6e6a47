package io.pitwall.protocol.dtc;

/**
 * One normalized fault: the code and whatever the source format carried about it.
 *
 * @param status         the ISO 14229-1 status byte, or {@code null} when the format did not carry one
 * @param severity       the DTCSeverity byte, or {@code null} when the format did not carry one
 * @param functionalUnit the OEM-specific DTCFunctionalUnit byte (UDS 0x08/0x09 only), or {@code null}
 */
public record DtcFault(Dtc dtc, UdsStatus status, DtcSeverity severity, Integer functionalUnit) {

    public DtcFault {
        if (dtc == null) {
            throw new InvalidDtcException("a fault needs a DTC");
        }
    }
}
