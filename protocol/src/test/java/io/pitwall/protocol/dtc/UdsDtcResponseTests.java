package io.pitwall.protocol.dtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UdsDtcResponseTests {

    @Test
    void decodesReportDtcByStatusMaskRecords() {
        DecodedDtcs decoded = UdsDtcResponse.parse("59 02 FF 0A 80 1B 2F C1 00 87 09");
        assertThat(decoded.format()).isEqualTo(SourceFormat.UDS);
        assertThat(decoded.availabilityMask()).isEqualTo(0xFF);
        assertThat(decoded.faults()).extracting(f -> f.dtc().display()).containsExactly("P0A80-1B", "U0100-87");
        assertThat(decoded.faults()).extracting(f -> f.status().mask()).containsExactly(0x2F, 0x09);
        assertThat(decoded.faults().get(0).severity()).isNull();
    }

    @Test
    void anEmptyFaultMemoryIsAnEmptyList() {
        assertThat(UdsDtcResponse.parse("5902FF").faults()).isEmpty();
    }

    @Test
    void severityRecordsCarrySeverityAndFunctionalUnit() {
        DecodedDtcs decoded = UdsDtcResponse.parse("0x59 0x08 0xFF 0x44 0x10 0x0A 0x80 0x1B 0x2F");
        DtcFault fault = decoded.faults().get(0);
        assertThat(fault.dtc().display()).isEqualTo("P0A80-1B");
        assertThat(fault.severity().checkAtNextHalt()).isTrue();
        assertThat(fault.functionalUnit()).isEqualTo(0x10);
        assertThat(fault.status().confirmedDTC()).isTrue();
    }

    @Test
    void aJ2012FormatIdentifierPrefixIsCheckedAgainstTheRecords() {
        assertThat(UdsDtcResponse.parse("59 01 FF 04 00 01 59 02 FF 0A 80 1B 2F")
                        .faults())
                .hasSize(1);
        assertThatThrownBy(() -> UdsDtcResponse.parse("59 01 FF 04 00 02 59 02 FF 0A 80 1B 2F"))
                .hasMessageContaining("counts 2");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "59 02 FF 0A 80 1B|truncated record",
                "59 02 FF 0A 80 1|odd number",
                "59 02 FF 0A 80 1B 2G|not hex",
                "62 02 FF 0A 80 1B 2F|SID 0x62",
                "7F 19 31|negative response 0x7F to SID 0x19, response code 0x31",
                "7F 19|truncated negative",
                "59 02|truncated response",
                "59 04 FF 0A 80 1B 2F|sub-function 0x04",
                "59 01 FF 02 00 01 59 02 FF 0A 80 1B 2F|SAE_J1939-73",
                "59 01 FF 01 00 00 59 02 FF|ISO_14229-1",
                "59 01 FF 04|truncated 0x59 0x01",
                "59 08 FF 44 10 0A 80 1B|truncated record"
            })
    void malformedResponsesAreRefusedWithTheReason(String hex, String reason) {
        assertThatThrownBy(() -> UdsDtcResponse.parse(hex))
                .isInstanceOf(InvalidDtcException.class)
                .hasMessageContaining(reason);
    }
}
