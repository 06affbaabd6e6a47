package io.pitwall.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.server.shared.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VehicleTests {

    @ParameterizedTest
    @ValueSource(strings = {"WP0ZZZ99ZTS392124", "1HGCM82633A004352", "00000000000000000", "ABCDEFGHJKLMNPRST"})
    void acceptsIso3779Vins(String vin) {
        assertThat(new Vin(vin).value()).isEqualTo(vin);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "WP0ZZZ99ZTS39212",
                "WP0ZZZ99ZTS3921245",
                "WP0ZZZ99ZTS39212I",
                "WP0ZZZ99ZTS39212O",
                "WP0ZZZ99ZTS39212Q",
                "wp0zzz99zts392124",
                "WP0ZZZ99ZTS39212-",
                "WP0ZZZ99ZTS39212 "
            })
    void refusesVinsOutsideIso3779(String vin) {
        assertThatThrownBy(() -> new Vin(vin))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("invalid-vin"));
    }

    @Test
    void equalContentIsEqualWhateverTheOrder() {
        String vin = TestFleet.vin();
        Vehicle template = TestFleet.record(vin, "Taycan", 3);
        Vehicle a = new Vehicle(
                template.vin(),
                "Taycan",
                2024,
                "EU",
                "DE",
                "RETAIL",
                "LTE",
                Map.of("trim", "GTS", "color", "blue"),
                Set.of("pilot", "internal"),
                template.ecus());
        List<Ecu> reversed = new java.util.ArrayList<>(a.ecus());
        java.util.Collections.reverse(reversed);
        Vehicle b = new Vehicle(
                a.vin(),
                "Taycan",
                2024,
                "EU",
                "DE",
                "RETAIL",
                "LTE",
                new java.util.HashMap<>(Map.of("color", "blue", "trim", "GTS")),
                Set.of("internal", "pilot"),
                reversed);
        assertThat(b).isEqualTo(a);
        assertThat(b.ecus().get(0).serial()).isEqualTo(vin + "-0");
    }

    @Test
    void imageHashIsStoredLowerCase() {
        var ecu = new Ecu("S1", EcuType.BMS, "hw", null, "1", "AB".repeat(32), UpdatePolicy.REMOTE, false);
        assertThat(ecu.imageHash()).isEqualTo("ab".repeat(32));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "duplicate serial       | duplicate-ecu-serial",
                "two primaries          | multiple-primary-ecus",
                "model too long         | field-too-long",
                "missing model          | missing-field",
                "bad model year         | invalid-field",
                "bad tag                | invalid-field",
                "bad attribute name     | invalid-field",
                "bad image hash         | invalid-field",
                "serial with space      | invalid-field",
                "too many tags          | too-many-items"
            })
    void refusesInvalidVehiclesWithStableCodes(String problem, String code) {
        assertThatThrownBy(() -> build(problem))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(code))
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(422));
    }

    @Test
    void refusesUnknownEnumNames() {
        assertThatThrownBy(() -> EcuType.parse("TOASTER"))
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("unknown-ecu-type"));
        assertThatThrownBy(() -> EcuType.parse("gateway"))
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("unknown-ecu-type"));
        assertThatThrownBy(() -> UpdatePolicy.parse("SOMETIMES"))
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("unknown-update-policy"));
    }

    private static Vehicle build(String problem) {
        Vin vin = new Vin(TestFleet.vin());
        Ecu one =
                new Ecu("S1", EcuType.BMS, "hw", null, "1", null, UpdatePolicy.REMOTE, problem.equals("two primaries"));
        Ecu two = new Ecu(
                problem.equals("duplicate serial") ? "S1" : "S2",
                EcuType.ADAS,
                "hw",
                null,
                "1",
                problem.equals("bad image hash") ? "xyz" : null,
                UpdatePolicy.SERVICE_ONLY,
                true);
        if (problem.equals("serial with space")) {
            two = new Ecu("S 2", EcuType.ADAS, "hw", null, "1", null, UpdatePolicy.REMOTE, false);
        }
        String model = problem.equals("model too long") ? "m".repeat(65) : problem.equals("missing model") ? " " : "m";
        Set<String> tags = problem.equals("bad tag")
                ? Set.of("has space")
                : problem.equals("too many tags") ? manyTags() : Set.of("ok");
        Map<String, String> attributes = problem.equals("bad attribute name") ? Map.of("a=b", "x") : Map.of();
        return new Vehicle(
                vin,
                model,
                problem.equals("bad model year") ? 1800 : 2024,
                "EU",
                "DE",
                "RETAIL",
                "LTE",
                attributes,
                tags,
                List.of(one, two));
    }

    private static Set<String> manyTags() {
        var tags = new java.util.HashSet<String>();
        for (int i = 0; i <= Vehicle.MAX_TAGS; i++) {
            tags.add("t" + i);
        }
        return tags;
    }
}
