package io.pitwall.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.bench.fleet.FleetGenerator;
import java.util.HashSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FleetGeneratorTests {

    @Test
    void theSameSeedGivesTheSameFleet() {
        var fleet = new FleetGenerator(7, 5);
        assertThat(fleet.vehicle(1234)).isEqualTo(new FleetGenerator(7, 5).vehicle(1234));
        assertThat(fleet.vehicle(1234)).isNotEqualTo(new FleetGenerator(8, 5).vehicle(1234));
    }

    @Test
    void vinsAreValidAndUniqueAndEveryVehicleHasItsEcus() {
        var fleet = new FleetGenerator(7, 5);
        var vins = new HashSet<String>();
        var serials = new HashSet<String>();
        IntStream.range(0, 20_000).mapToObj(fleet::vehicle).forEach(v -> {
            assertThat(v.vin()).matches("[A-HJ-NPR-Z0-9]{17}");
            assertThat(v.vin().charAt(8)).isEqualTo(checkDigit(v.vin()));
            assertThat(v.ecus()).hasSize(5);
            assertThat(v.ecus().stream().filter(FleetGenerator.Ecu::primary)).hasSize(1);
            vins.add(v.vin());
            v.ecus().forEach(e -> serials.add(e.serial()));
        });
        assertThat(vins).hasSize(20_000);
        assertThat(serials).hasSize(100_000);
    }

    /** ISO 3779 / 49 CFR 565 check digit, written independently of the generator. */
    private static char checkDigit(String vin) {
        int[] translit = new int[128];
        for (char c = '0'; c <= '9'; c++) {
            translit[c] = c - '0';
        }
        String letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
        int[] letterValues = {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9};
        for (int i = 0; i < letters.length(); i++) {
            translit[letters.charAt(i)] = letterValues[i];
        }
        int[] weights = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += translit[vin.charAt(i)] * weights[i];
        }
        return sum % 11 == 10 ? 'X' : (char) ('0' + sum % 11);
    }
}
