package io.pitwall.agent;

import static io.pitwall.protocol.device.EventType.DOWNLOAD_COMPLETED;
import static io.pitwall.protocol.device.EventType.DOWNLOAD_PROGRESS;
import static io.pitwall.protocol.device.EventType.DOWNLOAD_STARTED;
import static io.pitwall.protocol.device.EventType.INSTALL_COMPLETED;
import static io.pitwall.protocol.device.EventType.INSTALL_DEFERRED;
import static io.pitwall.protocol.device.EventType.INSTALL_STARTED;
import static io.pitwall.protocol.device.EventType.POST_UPDATE_HEALTH;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.agent.AgentLifecycle.State;
import io.pitwall.agent.sim.FaultModel;
import io.pitwall.protocol.device.Connectivity;
import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.EventType;
import io.pitwall.protocol.device.LowVoltageSystemState;
import io.pitwall.protocol.device.VehicleSignals;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentInstallTests {

    private final byte[] image = TestImages.bytes(2500, 7);
    private AgentHarness harness;

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        harness.close();
    }

    private AgentHarness harness() throws IOException {
        harness = new AgentHarness(dir);
        return harness;
    }

    @Test
    void checksInDownloadsVerifiesInstallsAndReportsEveryStep() throws IOException {
        var h = harness();
        var target = h.assign("asg-1", image, "2.4.0", 5);
        h.start();

        h.settle(State.COMPLETED);

        assertThat(h.types())
                .containsExactly(
                        DOWNLOAD_STARTED,
                        DOWNLOAD_PROGRESS,
                        DOWNLOAD_PROGRESS,
                        DOWNLOAD_COMPLETED,
                        INSTALL_STARTED,
                        INSTALL_COMPLETED,
                        POST_UPDATE_HEALTH);
        assertThat(h.server.events()).extracting(DeviceEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(h.server.events())
                .allSatisfy(e -> assertThat(e.assignmentId()).isEqualTo("asg-1"));
        assertThat(h.events(DOWNLOAD_PROGRESS))
                .extracting(DeviceEvent::progress)
                .containsExactly(25, 75);
        assertThat(h.bms.installed())
                .isEqualTo(new InstalledImage("2.4.0", target.hashes().sha256(), 5, target.length()));

        h.tickUntil(() -> h.server.checkins.size() >= 2, 10);
        assertThat(h.server.checkins.get(1).ecus().get(0).installedSha256())
                .isEqualTo(target.hashes().sha256());
    }

    @Test
    void aFinishedAssignmentIsNeverStartedAgainWhileTheServerStillOffersIt() throws IOException {
        var h = harness();
        h.assign("asg-1", image, "2.4.0", 5);
        h.start();
        h.settle(State.COMPLETED);
        int events = h.server.events().size();

        h.tickUntil(() -> h.server.checkins.size() >= 4, 20);

        assertThat(h.server.events()).hasSize(events);
        assertThat(h.bms.installs()).isEqualTo(1);
        assertThat(h.agent.state()).isEqualTo(State.COMPLETED);
    }

    @Test
    void defersTheInstallWhileARuleIsUnmetReportingTheRuleOnceThenInstalls() throws IOException {
        var h = harness();
        h.assign("asg-1", image, "2.4.0", 5);
        h.vehicle(new VehicleSignals(80.0, 12.6, LowVoltageSystemState.ON, true, 0.0), Connectivity.WIFI);
        h.start();
        h.settle(State.READY);
        h.tick(5);
        assertThat(h.events(INSTALL_DEFERRED)).extracting(DeviceEvent::detail).containsExactly("IGNITION_ON");
        assertThat(h.bms.installs()).isZero();

        h.vehicle(new VehicleSignals(15.0, 12.6, LowVoltageSystemState.OFF, true, 0.0), Connectivity.WIFI);
        h.tick(3);
        assertThat(h.events(INSTALL_DEFERRED))
                .extracting(DeviceEvent::detail)
                .containsExactly("IGNITION_ON", "STATE_OF_CHARGE_LOW");

        h.vehicle(VehicleSignals.parkedAndOff(80, 12.6), Connectivity.WIFI);
        h.settle(State.COMPLETED);
        assertThat(h.bms.installs()).isEqualTo(1);
    }

    @Test
    void anUnhealthyImageIsRolledBackAndReported() throws IOException {
        var h = harness().bms(FaultModel.always(new FaultModel.Faults(0, 1)));
        h.assign("asg-1", image, "2.4.0", 5);
        h.start();

        h.settle(State.ROLLED_BACK);

        DeviceEvent rolledBack = h.events(EventType.ROLLED_BACK).get(0);
        assertThat(rolledBack.code()).isEqualTo("HEALTH_CHECK_FAILED");
        assertThat(rolledBack.ecuSerial()).isEqualTo("BMS-0001");
        assertThat(h.types()).doesNotContain(INSTALL_COMPLETED);
        assertThat(h.bms.installed()).isEqualTo(AgentHarness.BMS_FACTORY);
    }

    @Test
    void aRetryableFailureIsRetriedAfterTheRecheckInterval() throws IOException {
        var h = harness();
        AtomicInteger calls = new AtomicInteger();
        h.bms(target -> new FaultModel.Faults(calls.getAndIncrement() == 0 ? 1 : 0, 0));
        h.assign("asg-1", image, "2.4.0", 5);
        h.start();

        h.settle(State.COMPLETED);

        assertThat(h.types())
                .containsSubsequence(INSTALL_STARTED, EventType.INSTALL_RETRIED, INSTALL_STARTED, INSTALL_COMPLETED);
        assertThat(h.events(EventType.INSTALL_RETRIED).get(0).code()).isEqualTo("SLOT_WRITE_FAILED");
        assertThat(h.bms.installs()).isEqualTo(2);
    }

    @Test
    void retryableFailuresStopAfterTheLastAttempt() throws IOException {
        var h = harness().bms(FaultModel.always(new FaultModel.Faults(1, 0)));
        h.assign("asg-1", image, "2.4.0", 5);
        h.start();

        h.settle(State.FAILED);

        assertThat(h.events(INSTALL_STARTED)).hasSize(3);
        assertThat(h.events(EventType.INSTALL_RETRIED)).hasSize(2);
        assertThat(h.events(EventType.INSTALL_FAILED))
                .extracting(DeviceEvent::code)
                .containsExactly("SLOT_WRITE_FAILED");
    }

    @Test
    void anInPlaceInstallOnAnAbOnlyEcuFailsWithoutTouchingIt() throws IOException {
        var h = harness();
        var target = h.images.target(
                "BMS-0001", "BMS-HW-7", "2.4.0", image, 5, io.pitwall.protocol.device.InstallType.IN_PLACE);
        h.server.artifact(image);
        h.assign(new io.pitwall.protocol.device.Assignment("asg-1", "cmp-1", java.util.List.of(target)));
        h.start();

        h.settle(State.FAILED);

        assertThat(h.events(EventType.INSTALL_FAILED))
                .extracting(DeviceEvent::code)
                .containsExactly("IN_PLACE_NOT_ALLOWED");
        assertThat(h.bms.installs()).isZero();
    }
}
