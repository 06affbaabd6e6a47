package io.pitwall.server.diagnostics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.protocol.dtc.Dtc;
import io.pitwall.protocol.dtc.DtcFault;
import io.pitwall.protocol.dtc.DtcSeverity;
import io.pitwall.protocol.dtc.UdsStatus;
import io.pitwall.server.shared.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SovdFaultFilterTests {

    private static final DtcFault CONFIRMED =
            new DtcFault(Dtc.parse("P0A80-1B"), new UdsStatus(0x08), new DtcSeverity(0x40), null);
    private static final DtcFault NO_STATUS = new DtcFault(Dtc.parse("B1000"), null, null, null);

    private static SovdFaultFilter filter(Map<String, List<String>> query) {
        return SovdFaultFilter.parse(query, List.of());
    }

    @Test
    void noFilterKeepsEveryFault() {
        assertThat(filter(Map.of()).matches(CONFIRMED)).isTrue();
        assertThat(filter(Map.of()).matches(NO_STATUS)).isTrue();
    }

    @Test
    void eachStatusKeyNamesItsBit() {
        for (int bit = 0; bit < 8; bit++) {
            var fault = new DtcFault(Dtc.parse("P0001"), new UdsStatus(1 << bit), null, null);
            for (int key = 0; key < 8; key++) {
                String name = "status[" + SovdFaultFilter.STATUS_KEYS.get(key) + "]";
                assertThat(filter(Map.of(name, List.of("true"))).matches(fault))
                        .as("%s on bit %d", name, bit)
                        .isEqualTo(key == bit);
            }
        }
    }

    @Test
    void aStatusFilterNeverMatchesAFaultWithoutStatus() {
        assertThat(filter(Map.of("status[test_failed]", List.of("false"))).matches(NO_STATUS))
                .isFalse();
    }

    @Test
    void severityLevelsFollowTheActionBits() {
        assertThat(SovdFaultFilter.severityLevel(new DtcSeverity(0x80))).isEqualTo(1);
        assertThat(SovdFaultFilter.severityLevel(new DtcSeverity(0x40))).isEqualTo(2);
        assertThat(SovdFaultFilter.severityLevel(new DtcSeverity(0x20))).isEqualTo(3);
        assertThat(SovdFaultFilter.severityLevel(new DtcSeverity(0x01))).isNull();
        assertThat(filter(Map.of("severity", List.of("1"))).matches(CONFIRMED)).isFalse();
        assertThat(filter(Map.of("severity", List.of("2"))).matches(CONFIRMED)).isTrue();
        assertThat(filter(Map.of("severity", List.of("3"))).matches(NO_STATUS)).isFalse();
    }

    @Test
    void malformedFiltersAreRefused() {
        for (var query : List.of(
                Map.of("status[]", List.of("1")),
                Map.of("status[mask]", List.of("0x100")),
                Map.of("severity", List.of("0")),
                Map.of("status[pending_dtc]", List.of("yes")),
                Map.of("page", List.of("2")))) {
            assertThatThrownBy(() -> filter(query))
                    .as("%s", query)
                    .isInstanceOf(ApiException.class)
                    .extracting("code")
                    .isEqualTo("invalid-fault-filter");
        }
    }

    @Test
    void saeDefinedCodesFollowJ2012() {
        assertThat(List.of("P0A80", "P2000", "P3400", "B0001", "C0035", "U0100", "U3000"))
                .allMatch(SovdFaultsController::definedBySae);
        assertThat(List.of("P1000", "P3000", "B1000", "C2000", "U1000", "U2000"))
                .noneMatch(SovdFaultsController::definedBySae);
    }
}
