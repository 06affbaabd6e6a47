package io.pitwall.server.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvCellsTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "=HYPERLINK(\"http://x\")|`\"'=HYPERLINK(\"\"http://x\"\")\"`",
                "+1+1|'+1+1",
                "-2+3|'-2+3",
                "@SUM(A1)|'@SUM(A1)",
                "=1,2|`\"'=1,2\"`",
                "Model S|Model S",
                "a=b|a=b",
                "6.1-beta|6.1-beta",
                "`a,b`|`\"a,b\"`"
            })
    void formulaLikeCellsArePrefixedAndSpecialCharactersQuoted(String value, String cell) {
        assertThat(CsvCells.of(value)).isEqualTo(cell);
    }

    @Test
    void aLeadingTabOrCarriageReturnIsNeutralizedToo() {
        assertThat(CsvCells.of("\t1")).isEqualTo("'\t1");
        assertThat(CsvCells.of("\r1")).isEqualTo("\"'\r1\"");
    }

    @Test
    void nullAndEmptyAreEmptyCells() {
        assertThat(CsvCells.of(null)).isEmpty();
        assertThat(CsvCells.of("")).isEmpty();
    }
}
