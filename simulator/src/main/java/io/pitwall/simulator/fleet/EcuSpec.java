package io.pitwall.simulator.fleet;

import java.util.LinkedHashMap;
import java.util.Map;

/** One ECU of a generated vehicle: its serial (unique fleet-wide), hardware, revision and factory firmware. */
public record EcuSpec(String serial, EcuHardware hardware, String variant, Firmware firmware, boolean primary) {

    public String hardwareId() {
        return hardware.hardwareId();
    }

    /** The ECU as a line of the inventory import. */
    Map<String, Object> importFields() {
        Map<String, Object> ecu = new LinkedHashMap<>();
        ecu.put("serial", serial);
        ecu.put("type", hardware.type());
        ecu.put("hardwareId", hardware.hardwareId());
        ecu.put("hardwareVariant", variant);
        ecu.put("softwareVersion", firmware.version());
        ecu.put("imageHash", firmware.image().sha256());
        ecu.put("updatePolicy", hardware.remote() ? "REMOTE" : "SERVICE_ONLY");
        ecu.put("primary", primary);
        return ecu;
    }
}
