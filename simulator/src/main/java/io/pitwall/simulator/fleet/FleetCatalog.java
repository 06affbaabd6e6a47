package io.pitwall.simulator.fleet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The built-in world the simulator draws fleets from: ECU hardware with realistic ids, revisions and
 * factory firmware, four vehicle models and three regions. Gateways are workshop-only ({@code SERVICE_ONLY}),
 * as is common; every other ECU is remotely updatable.
 */
public final class FleetCatalog {

    public static final EcuHardware BMS_7 = new EcuHardware(
            "BMS",
            "BMS-HW-7",
            "BMS7",
            List.of("A1", "A2"),
            List.of(Firmware.of("BMS-HW-7", "3.1.0", 31, 3), Firmware.of("BMS-HW-7", "3.2.0", 32, 2)),
            true);
    public static final EcuHardware BMS_8 = new EcuHardware(
            "BMS", "BMS-HW-8", "BMS8", List.of("B1"), List.of(Firmware.of("BMS-HW-8", "4.0.2", 40, 1)), true);
    public static final EcuHardware IVI_3 = new EcuHardware(
            "INFOTAINMENT",
            "IVI-HW-3",
            "IVI3",
            List.of("P3", "P3X"),
            List.of(Firmware.of("IVI-HW-3", "12.4.1", 124, 2), Firmware.of("IVI-HW-3", "12.5.0", 125, 3)),
            true);
    public static final EcuHardware TCU_5 = new EcuHardware(
            "TELEMATICS",
            "TCU-HW-5",
            "TCU5",
            List.of("LTE", "5G"),
            List.of(Firmware.of("TCU-HW-5", "5.6.2", 56, 1), Firmware.of("TCU-HW-5", "5.7.0", 57, 4)),
            true);
    public static final EcuHardware GW_2 = new EcuHardware(
            "GATEWAY", "GW-HW-2", "GW2", List.of("C"), List.of(Firmware.of("GW-HW-2", "2.0.9", 20, 1)), false);
    public static final EcuHardware ADAS_9 = new EcuHardware(
            "ADAS",
            "ADAS-HW-9",
            "ADAS9",
            List.of("L2", "L2P"),
            List.of(Firmware.of("ADAS-HW-9", "7.1.0", 71, 1), Firmware.of("ADAS-HW-9", "7.2.1", 72, 2)),
            true);

    public static final List<EcuHardware> HARDWARE = List.of(BMS_7, BMS_8, IVI_3, TCU_5, GW_2, ADAS_9);

    public static final List<VehicleModel> MODELS = List.of(
            new VehicleModel("Volta S", List.of(TCU_5, BMS_7, IVI_3, GW_2), List.of("PRIVATE", "PRIVATE", "LEASING")),
            new VehicleModel("Volta X", List.of(TCU_5, BMS_8, IVI_3, GW_2, ADAS_9), List.of("PRIVATE", "LEASING")),
            new VehicleModel("Kestrel", List.of(TCU_5, BMS_7, IVI_3, ADAS_9), List.of("PRIVATE", "LEASING", "FLEET")),
            new VehicleModel("Atlas Van", List.of(TCU_5, BMS_8, GW_2), List.of("FLEET")));

    public static final List<Region> REGIONS = List.of(
            new Region("EU", List.of("DE", "FR", "NL", "NO", "IT")),
            new Region("NA", List.of("US", "CA")),
            new Region("APAC", List.of("JP", "KR", "AU")));

    private static final Map<String, EcuHardware> BY_HARDWARE_ID = HARDWARE.stream()
            .collect(Collectors.toMap(EcuHardware::hardwareId, Function.identity(), (a, b) -> a, LinkedHashMap::new));

    private FleetCatalog() {}

    public static Optional<EcuHardware> hardware(String hardwareId) {
        return Optional.ofNullable(BY_HARDWARE_ID.get(hardwareId));
    }

    public static Optional<VehicleModel> model(String name) {
        return MODELS.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public static Optional<Region> region(String name) {
        return REGIONS.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
