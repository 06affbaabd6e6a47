package io.pitwall.protocol.dtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusAndSeverityTests {

    @Test
    void eachStatusBitHasItsIsoName() {
        List<String> names = UdsStatus.BIT_NAMES;
        for (int bit = 0; bit < 8; bit++) {
            var bits = new UdsStatus(1 << bit).bits();
            for (int other = 0; other < 8; other++) {
                assertThat(bits.get(names.get(other)))
                        .as(names.get(other) + " in 0x%02X", 1 << bit)
                        .isEqualTo(other == bit);
            }
        }
        UdsStatus status = new UdsStatus(0x2F);
        assertThat(List.of(
                        status.testFailed(),
                        status.testFailedThisOperationCycle(),
                        status.pendingDTC(),
                        status.confirmedDTC(),
                        status.testNotCompletedSinceLastClear(),
                        status.testFailedSinceLastClear(),
                        status.testNotCompletedThisOperationCycle(),
                        status.warningIndicatorRequested()))
                .containsExactly(true, true, true, true, false, true, false, false);
        assertThat(new UdsStatus(0x80).warningIndicatorRequested()).isTrue();
        assertThat(status.hex()).isEqualTo("0x2F");
    }

    @Test
    void severityDecodesActionBitsAndDtcClass() {
        DtcSeverity severity = new DtcSeverity(0x44);
        assertThat(severity.checkAtNextHalt()).isTrue();
        assertThat(severity.checkImmediately()).isFalse();
        assertThat(severity.maintenanceOnly()).isFalse();
        assertThat(severity.dtcClasses()).containsExactly("B1");
        assertThat(new DtcSeverity(0x80).checkImmediately()).isTrue();
        assertThat(new DtcSeverity(0x21).maintenanceOnly()).isTrue();
        assertThat(new DtcSeverity(0x21).dtcClasses()).containsExactly("0");
        assertThat(new DtcSeverity(0x10).dtcClasses()).containsExactly("C");
    }
}
