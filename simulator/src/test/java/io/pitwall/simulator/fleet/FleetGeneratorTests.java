package io.pitwall.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.simulator.Seeds;
import java.util.HashSet;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FleetGeneratorTests {

    @Test
    void theSameSeedGivesTheSameFleet() {
        Fleet a = new Seeds(42).fleet(300, FleetMix.standard());
        Fleet b = new Seeds(42).fleet(300, FleetMix.standard());

        assertThat(a).isEqualTo(b);
        assertThat(a.importLines()).isEqualTo(b.importLines());
    }

    @Test
    void aVehicleIsTheSameWhateverTheFleetSize() {
        Fleet small = new Seeds(7).fleet(10, FleetMix.standard());
        Fleet large = new Seeds(7).fleet(1000, FleetMix.standard());

        assertThat(large.vehicles().subList(0, 10)).isEqualTo(small.vehicles());
    }

    @Test
    void anotherSeedGivesAnotherFleetWithOtherVins() {
        Fleet a = new Seeds(1).fleet(50, FleetMix.standard());
        Fleet b = new Seeds(2).fleet(50, FleetMix.standard());

        assertThat(a.vins()).doesNotContainAnyElementsOf(b.vins());
        assertThat(a.vehicles().stream().map(v -> v.model().name()).toList())
                .isNotEqualTo(b.vehicles().stream().map(v -> v.model().name()).toList());
    }

    @Test
    void vinsAreIso3779AndEcuSerialsAreUniqueWithOnePrimaryEcuPerVehicle() {
        Fleet fleet = new Seeds(3).fleet(2000, FleetMix.standard());
        var serials = new HashSet<String>();

        assertThat(fleet.vins())
                .allMatch(vin -> vin.matches("[A-HJ-NPR-Z0-9]{17}"))
                .doesNotHaveDuplicates();
        for (VehicleSpec vehicle : fleet.vehicles()) {
            assertThat(vehicle.ecus().stream().filter(EcuSpec::primary).count()).isEqualTo(1);
            vehicle.ecus()
                    .forEach(ecu -> assertThat(serials.add(ecu.serial()))
                            .as(ecu.serial())
                            .isTrue());
            assertThat(vehicle.ecus())
                    .extracting(EcuSpec::hardware)
                    .containsExactlyElementsOf(vehicle.model().hardware());
        }
    }

    @Test
    void modelsAndRegionsFollowTheirWeights() {
        Fleet fleet = new Seeds(5).fleet(10_000, FleetMix.standard());
        Map<String, Long> models = fleet.vehicles().stream()
                .collect(Collectors.groupingBy(v -> v.model().name(), Collectors.counting()));
        Map<String, Long> regions = fleet.vehicles().stream()
                .collect(Collectors.groupingBy(v -> v.region().name(), Collectors.counting()));

        // Weights 4:2:3:1 and 5:3:2 of 10,000 vehicles, within a few percent.
        assertThat(models.get("Volta S")).isBetween(3700L, 4300L);
        assertThat(models.get("Atlas Van")).isBetween(800L, 1200L);
        assertThat(regions.get("EU")).isBetween(4700L, 5300L);
        assertThat(regions.get("APAC")).isBetween(1700L, 2300L);
    }

    @Test
    void factoryFirmwareIsSharedAndAnImportLineCarriesTheInventoryShape() {
        Fleet fleet = new Seeds(9).fleet(100, FleetMix.standard().withTags(java.util.List.of("sim", "pilot")));
        var images = fleet.vehicles().stream()
                .flatMap(v -> v.ecus().stream())
                .map(e -> e.firmware().image())
                .collect(Collectors.toMap(i -> i.sha256(), Function.identity(), (x, y) -> {
                    assertThat(x).isSameAs(y);
                    return x;
                }));
        assertThat(images).hasSizeLessThanOrEqualTo(10);

        Map<String, Object> line = fleet.vehicles().get(0).importLine();
        assertThat(line)
                .containsKeys(
                        "vin",
                        "model",
                        "modelYear",
                        "region",
                        "market",
                        "customerType",
                        "connectivity",
                        "tags",
                        "ecus");
        assertThat(line.get("tags")).isEqualTo(java.util.List.of("sim", "pilot"));
        @SuppressWarnings("unchecked")
        var ecu = ((java.util.List<Map<String, Object>>) line.get("ecus")).get(0);
        assertThat(ecu)
                .containsKeys(
                        "serial",
                        "type",
                        "hardwareId",
                        "hardwareVariant",
                        "softwareVersion",
                        "imageHash",
                        "updatePolicy",
                        "primary");
    }
}
