package io.pitwall.protocol.dtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DtcTests {

    @ParameterizedTest(name = "{0} = 0x{1}")
    @CsvSource({"P0A80, 0A80", "C0035, 4035", "B1000, 9000", "U0100, C100", "P0301, 0301", "U3FFF, FFFF", "P0000, 0000"
    })
    void twoByteCodesCarryTheSystemLetterInTheTopTwoBits(String text, String hex) {
        Dtc dtc = Dtc.parse(text);
        assertThat(dtc.hex()).isEqualTo(hex);
        assertThat(new Dtc(Integer.parseInt(hex, 16), null).display()).isEqualTo(text);
    }

    @Test
    void p0a80IsBytes0x0AAnd0x80() {
        assertThat(Dtc.parse("P0A80").code()).isEqualTo(0x0A80);
        assertThat(Dtc.ofUds(0x0A801B).display()).isEqualTo("P0A80-1B");
        assertThat(Dtc.ofUds(0x030100).display())
                .as("the tutorial's 01 03 01 is wrong")
                .isEqualTo("P0301-00");
    }

    @Test
    void threeByteCodesRoundTripWithTheirFailureType() {
        Dtc dtc = Dtc.parse("U0100-87");
        assertThat(dtc.code()).isEqualTo(0xC100);
        assertThat(dtc.failureType()).isEqualTo(0x87);
        assertThat(dtc.hex()).isEqualTo("C10087");
        assertThat(dtc.baseCode()).isEqualTo("U0100");
        assertThat(Dtc.ofUds(0xC10087)).isEqualTo(dtc);
        for (int number = 0; number <= 0xFFFFFF; number += 0x1357) {
            assertThat(Dtc.parse(Dtc.ofUds(number).display())).isEqualTo(Dtc.ofUds(number));
        }
    }

    @Test
    void lowerCaseAndBlanksAreReadAndDisplayedUpperCase() {
        assertThat(Dtc.parse(" p0a80-1b ").display()).isEqualTo("P0A80-1B");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "X0A80",
                "P4A80",
                "P0A8",
                "P0A800",
                "P0G80",
                "P0A80-1",
                "P0A80-1BB",
                "P0A80_1B",
                "0A80",
                "P 0A80",
                ""
            })
    void malformedTextIsRefusedWithAReason(String text) {
        assertThatThrownBy(() -> Dtc.parse(text))
                .isInstanceOf(InvalidDtcException.class)
                .hasMessageNotContaining("null");
    }

    @Test
    void reasonsNameWhatIsWrong() {
        assertThatThrownBy(() -> Dtc.parse("X0A80")).hasMessageContaining("system letter");
        assertThatThrownBy(() -> Dtc.parse("P4A80")).hasMessageContaining("0-3");
    }
}
