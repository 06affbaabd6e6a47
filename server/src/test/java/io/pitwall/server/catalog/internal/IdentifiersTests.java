package io.pitwall.server.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTests {

    @ParameterizedTest
    @ValueSource(strings = {"fw.bin", "brake-ecu_4.1.0+build7.img", "A", "x.tar.gz"})
    void acceptsPlainFileNames(String name) {
        assertThat(Identifiers.fileNameProblem(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "..",
                "../fw.bin",
                "a/../b",
                "dir/fw.bin",
                "dir\\fw.bin",
                "fw..bin",
                ".hidden",
                "fw\u0000.bin",
                "fw\n.bin",
                "fw\t.bin",
                "fw\u007f.bin",
                "fw bin",
                "fw%2F.bin",
                "f\u00fcr.bin",
                "fw:1.bin"
            })
    void refusesTraversalControlCharactersAndOddCharacters(String name) {
        assertThat(Identifiers.fileNameProblem(name)).as(name).isPresent();
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 129})
    void boundsTheLength(int length) {
        assertThat(Identifiers.fileNameProblem("f".repeat(length)).isPresent()).isEqualTo(length > 128);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-HW", ".HW", "HW/1", "HW 1", "H\u0000W"})
    void refusesMalformedHardwareIds(String id) {
        assertThat(Identifiers.isHardwareId(id)).isFalse();
    }
}
