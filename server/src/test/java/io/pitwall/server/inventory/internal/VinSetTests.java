package io.pitwall.server.inventory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.inventory.TestFleet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VinSetTests {

    @Test
    void answersWhetherAVinWasSeenBefore() {
        var seen = new VinSet();
        assertThat(seen.seenBefore("WP0ZZZ99ZTS392124")).isFalse();
        assertThat(seen.seenBefore("WP0ZZZ99ZTS392125"))
                .as("differs in the last character")
                .isFalse();
        assertThat(seen.seenBefore("XP0ZZZ99ZTS392124"))
                .as("differs in the first character")
                .isFalse();
        assertThat(seen.seenBefore("WP0ZZZ99ZTS392124")).isTrue();
        assertThat(seen.seenBefore("WP0ZZZ99ZTS392125")).isTrue();
    }

    @Test
    void neverRecordsWhatIsNotAVin() {
        var seen = new VinSet();
        for (String notAVin : new String[] {
            null, "", "WP0ZZZ99ZTS39212", "wp0zzz99zts392124", "WP0ZZZ99ZTS39212I", "WP0ZZZ99ZTS3921245"
        }) {
            assertThat(seen.seenBefore(notAVin)).as(notAVin).isFalse();
            assertThat(seen.seenBefore(notAVin)).as(notAVin).isFalse();
        }
    }

    @Test
    void staysExactWhileItGrows() {
        var seen = new VinSet();
        List<String> vins = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            vins.add(TestFleet.vin());
        }
        assertThat(vins)
                .allSatisfy(vin -> assertThat(seen.seenBefore(vin)).as(vin).isFalse());
        assertThat(vins)
                .allSatisfy(vin -> assertThat(seen.seenBefore(vin)).as(vin).isTrue());
    }
}
