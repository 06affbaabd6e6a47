package io.pitwall.server.device.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTests {

    @ParameterizedTest(name = "{0} of 100 bytes → {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "NULL                               | Whole[]",
                "bytes=0-                           | Part[start=0, end=99]",
                "bytes=10-19                        | Part[start=10, end=19]",
                " bytes=10-19                       | Part[start=10, end=19]",
                "bytes=10-1000                      | Part[start=10, end=99]",
                "bytes=99-                          | Part[start=99, end=99]",
                "bytes=-10                          | Part[start=90, end=99]",
                "bytes=-1000                        | Part[start=0, end=99]",
                "bytes=0010-0019                    | Part[start=10, end=19]",
                "bytes=10-99999999999999999999999   | Part[start=10, end=99]",
                "bytes=100-                         | Unsatisfiable[]",
                "bytes=99999999999999999999999-     | Unsatisfiable[]",
                "bytes=5-2                          | Unsatisfiable[]",
                "bytes=-0                           | Unsatisfiable[]",
                "bytes=abc                          | Whole[]",
                "bytes=-                            | Whole[]",
                "bytes=0-1,5-6                      | Whole[]",
                "items=0-1                          | Whole[]",
                "bytes=1-2-3                        | Whole[]",
            })
    void readsOneRangeAndIgnoresTheRest(String header, String expected) {
        assertThat(ByteRange.of(header, 100).toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"bytes=0-", "bytes=-5"})
    void nothingOfAnEmptyImageCanBeServedAsAPart(String header) {
        assertThat(ByteRange.of(header, 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }
}
