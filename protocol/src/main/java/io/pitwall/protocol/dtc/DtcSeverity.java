package io.pitwall.protocol.dtc;

import java.util.ArrayList;
import java.util.List;

/**
 * The ISO 14229-1 DTCSeverity byte (ReadDTCInformation 0x08 / 0x09): the high three bits say what the driver
 * or workshop should do, the low five bits carry the GTR/WWH-OBD DTC class.
 *
 * @param mask the severity byte, 0x00-0xFF
 */
public record DtcSeverity(int mask) {

    private static final String[] CLASSES = {"0", "A", "B1", "B2", "C"};

    public DtcSeverity {
        if (mask < 0 || mask > 0xFF) {
            throw new InvalidDtcException("a DTC severity is one byte, not " + mask);
        }
    }

    public boolean maintenanceOnly() {
        return (mask & 0x20) != 0;
    }

    public boolean checkAtNextHalt() {
        return (mask & 0x40) != 0;
    }

    public boolean checkImmediately() {
        return (mask & 0x80) != 0;
    }

    /** The WWH-OBD DTC classes whose bits are set ({@code 0}=unclassified, A, B1, B2, C); usually one or none. */
    public List<String> dtcClasses() {
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < CLASSES.length; i++) {
            if ((mask & 1 << i) != 0) {
                classes.add(CLASSES[i]);
            }
        }
        return classes;
    }

    /** The byte as {@code 0x40}. */
    public String hex() {
        return String.format("0x%02X", mask);
    }
}
