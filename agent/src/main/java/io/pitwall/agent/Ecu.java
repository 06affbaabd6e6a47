package io.pitwall.agent;

/** An ECU of this vehicle as the agent knows it: serial, hardware id and the installer that updates it. */
public record Ecu(String serial, String hardwareId, EcuInstaller installer) {

    public Ecu {
        if (serial == null || serial.isBlank() || hardwareId == null || hardwareId.isBlank() || installer == null) {
            throw new IllegalArgumentException("an ECU needs a serial, a hardware id and an installer");
        }
    }
}
