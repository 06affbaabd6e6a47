package io.pitwall.agent;

import static io.pitwall.protocol.device.EventType.INSTALL_DEFERRED;
import static io.pitwall.protocol.device.EventType.INSTALL_PAUSED;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.agent.AgentLifecycle.State;
import io.pitwall.protocol.device.Assignment;
import io.pitwall.protocol.device.Connectivity;
import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.VehiclePolicy;
import io.pitwall.protocol.device.VehicleSignals;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The campaign policy that arrives over HTTP with the assignment holds back download and install at the last moment. */
class AgentCampaignPolicyTests {

    private final byte[] image = TestImages.bytes(2500, 7);
    private AgentHarness harness;

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        harness.close();
    }

    private void assign(VehiclePolicy policy) {
        var target = harness.images.target("BMS-0001", "BMS-HW-7", "2.4.0", image, 5);
        harness.server.artifact(image);
        harness.assign(new Assignment("asg-1", "cmp-1", List.of(target), false, policy));
    }

    @Test
    void aStricterCampaignStateOfChargeDefersTheInstallUntilItIsMet() throws IOException {
        harness = new AgentHarness(dir);
        assign(new VehiclePolicy(60.0, null, null, null, null, null));
        harness.vehicle(VehicleSignals.parkedAndOff(50, 12.6), Connectivity.WIFI);
        harness.start();
        harness.settle(State.READY);
        harness.tick(3);
        assertThat(harness.events(INSTALL_DEFERRED))
                .extracting(DeviceEvent::detail)
                .containsExactly("STATE_OF_CHARGE_LOW");
        assertThat(harness.bms.installs()).isZero();

        harness.vehicle(VehicleSignals.parkedAndOff(61, 12.6), Connectivity.WIFI);
        harness.settle(State.COMPLETED);
        assertThat(harness.bms.installs()).isEqualTo(1);
    }

    @Test
    void aStricterCampaignWifiLimitPausesTheDownloadOnCellular() throws IOException {
        harness = new AgentHarness(dir);
        assign(new VehiclePolicy(null, null, null, null, 1000L, null));
        harness.vehicle(VehicleSignals.parkedAndOff(80, 12.6), Connectivity.CELLULAR);
        harness.start();
        harness.tick(4);
        assertThat(harness.events(INSTALL_PAUSED))
                .extracting(DeviceEvent::detail)
                .containsExactly("WIFI_REQUIRED");
        assertThat(harness.bms.installs()).isZero();

        harness.vehicle(VehicleSignals.parkedAndOff(80, 12.6), Connectivity.WIFI);
        harness.settle(State.COMPLETED);
        assertThat(harness.bms.installs()).isEqualTo(1);
    }
}
