package io.pitwall.server.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionsTests {

    @ParameterizedTest
    @CsvSource({
        "1.10, 1.9, 1",
        "2.0.1, 2.0, 1",
        "2.0, 2.0, 0",
        "1.0, 1.0.0, -1",
        "10.0, 9.99, 1",
        "1.0-rc1, 1.0, 1",
        "1.0.a, 1.0.1, 1",
        "2024.06.1, 2024.6.1, 0",
        "99999999999999999999.1, 1.1, 1"
    })
    void comparesSegmentBySegment(String left, String right, int expected) {
        assertThat(Integer.signum(Versions.compare(left, right))).isEqualTo(expected);
        assertThat(Integer.signum(Versions.compare(right, left))).isEqualTo(-expected);
    }
}
