package io.pitwall.protocol.dtc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ISO 14229-1 DTC status byte (DTCStatusMask), every bit decoded by its ISO name.
 *
 * @param mask the status byte, 0x00-0xFF
 */
public record UdsStatus(int mask) {

    /** The bit names from bit 0 (0x01) to bit 7 (0x80). */
    public static final List<String> BIT_NAMES = List.of(
            "testFailed",
            "testFailedThisOperationCycle",
            "pendingDTC",
            "confirmedDTC",
            "testNotCompletedSinceLastClear",
            "testFailedSinceLastClear",
            "testNotCompletedThisOperationCycle",
            "warningIndicatorRequested");

    public UdsStatus {
        if (mask < 0 || mask > 0xFF) {
            throw new InvalidDtcException("a DTC status is one byte, not " + mask);
        }
    }

    public boolean testFailed() {
        return bit(0);
    }

    public boolean testFailedThisOperationCycle() {
        return bit(1);
    }

    public boolean pendingDTC() {
        return bit(2);
    }

    public boolean confirmedDTC() {
        return bit(3);
    }

    public boolean testNotCompletedSinceLastClear() {
        return bit(4);
    }

    public boolean testFailedSinceLastClear() {
        return bit(5);
    }

    public boolean testNotCompletedThisOperationCycle() {
        return bit(6);
    }

    public boolean warningIndicatorRequested() {
        return bit(7);
    }

    /** Every bit by name in bit order. */
    public Map<String, Boolean> bits() {
        Map<String, Boolean> bits = new LinkedHashMap<>();
        for (int i = 0; i < BIT_NAMES.size(); i++) {
            bits.put(BIT_NAMES.get(i), bit(i));
        }
        return bits;
    }

    /** The byte as {@code 0x2F}. */
    public String hex() {
        return String.format("0x%02X", mask);
    }

    private boolean bit(int index) {
        return (mask & 1 << index) != 0;
    }
}
