package io.pitwall.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.protocol.device.CheckinRequest;
import io.pitwall.protocol.device.CheckinResponse;
import io.pitwall.protocol.device.EcuVersionReport;
import io.pitwall.protocol.tuf.Envelope;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ECU-signed version reports: sent when the installed image changed or the server asked, never on an idle check-in. */
class AgentEcuReportTests {

    @TempDir
    Path dir;

    private AgentHarness h;
    private final EcuKey key = EcuKey.generate();
    private final AtomicReference<InstalledImage> running = new AtomicReference<>(AgentHarness.BMS_FACTORY);

    @BeforeEach
    void setUp() throws IOException {
        h = new AgentHarness(dir);
        h.bmsInstaller = new EcuInstaller() {
            @Override
            public InstalledImage installed() {
                return running.get();
            }

            @Override
            public InstallOutcome install(InstallRequest request) {
                throw new AssertionError("no install in these tests");
            }
        };
        h.customize = b -> b.ecuKey("BMS-0001", key);
    }

    @AfterEach
    void close() {
        h.close();
    }

    private List<EcuVersionReport> reportsOf(CheckinRequest checkin) {
        return checkin.ecuReports().stream()
                .map(node -> {
                    Envelope envelope = Envelope.fromJson(node);
                    assertThat(envelope.validSignatures(Map.of(key.publicKey().keyId(), key.publicKey())))
                            .as("signed by the ECU key")
                            .isEqualTo(1);
                    return EcuVersionReport.fromSigned(envelope.signed());
                })
                .toList();
    }

    private CheckinRequest last() {
        return h.server.checkins.get(h.server.checkins.size() - 1);
    }

    @Test
    void theFirstCheckinCarriesASignedReportAndAnIdleOneCarriesNone() {
        h.start();
        h.tick();
        List<EcuVersionReport> first = reportsOf(h.server.checkins.get(0));
        assertThat(first).hasSize(1);
        assertThat(first.get(0).ecuSerial()).isEqualTo("BMS-0001");
        assertThat(first.get(0).hashes().sha256()).isEqualTo(AgentHarness.BMS_FACTORY.sha256());
        assertThat(first.get(0).reportCounter()).isEqualTo(1);
        assertThat(first.get(0).nonce()).isNull();
        h.tick();
        assertThat(h.server.checkins).hasSize(2);
        assertThat(last().ecuReports()).isEmpty();
    }

    @Test
    void aNonceFromTheServerIsAnsweredAtOnceWithAFreshCounterAndThenForgotten() {
        h.start();
        h.tick();
        h.server.checkinAnswer.set(new CheckinResponse(60, null, List.of(), "n-asked"));
        assertThat(h.tick()).as("checks in again right away to answer").isEqualTo(Duration.ZERO);
        h.server.checkinAnswer.set(new CheckinResponse(60, null, List.of()));
        h.tick();
        assertThat(h.server.checkins).hasSize(3);
        List<EcuVersionReport> answer = reportsOf(last());
        assertThat(answer).hasSize(1);
        assertThat(answer.get(0).nonce()).isEqualTo("n-asked");
        assertThat(answer.get(0).reportCounter()).isEqualTo(2);
        h.clock.advance(Duration.ofSeconds(60));
        h.tick();
        assertThat(last().ecuReports()).isEmpty();
    }

    @Test
    void aChangedInstalledImageIsReportedWithoutBeingAsked() {
        h.start();
        h.tick();
        h.tick();
        running.set(new InstalledImage("2.4.0", "d".repeat(64), 5, 2048));
        h.tick();
        List<EcuVersionReport> reports = reportsOf(last());
        assertThat(reports).extracting(EcuVersionReport::filepath).containsExactly("2.4.0");
        assertThat(reports.get(0).length()).isEqualTo(2048);
        assertThat(reports.get(0).reportCounter()).isEqualTo(2);
    }

    @Test
    void theCounterSurvivesARestartSoNoReportRepeatsOne() {
        h.start();
        h.tick();
        h.server.checkinAnswer.set(new CheckinResponse(60, null, List.of(), "n-1"));
        h.tick();
        h.server.checkinAnswer.set(new CheckinResponse(60, null, List.of()));
        h.tick();
        assertThat(reportsOf(last()).get(0).reportCounter()).isEqualTo(2);
        h.restart();
        h.server.checkinAnswer.set(new CheckinResponse(60, null, List.of(), "n-2"));
        h.tick();
        assertThat(last().ecuReports()).as("nothing changed, nobody asked yet").isEmpty();
        h.server.checkinAnswer.set(new CheckinResponse(60, null, List.of()));
        h.tick();
        List<EcuVersionReport> after = reportsOf(last());
        assertThat(after.get(0).nonce()).isEqualTo("n-2");
        assertThat(after.get(0).reportCounter()).isEqualTo(3);
    }

    @Test
    void anEcuWithoutAKeySendsNoReportsEvenWhenAsked() {
        h.customize = b -> b;
        h.start();
        h.server.checkinAnswer.set(new CheckinResponse(60, null, List.of(), "n-asked"));
        h.tick();
        h.tick();
        assertThat(h.server.checkins).allSatisfy(c -> assertThat(c.ecuReports()).isEmpty());
    }

    @Test
    void aKeyForAnUnknownEcuIsAWiringError() {
        h.customize = b -> b.ecuKey("NO-SUCH-ECU", key);
        assertThatThrownBy(h::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("NO-SUCH-ECU");
    }
}
