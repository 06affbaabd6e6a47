package io.pitwall.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.agent.AgentLifecycle.State;
import io.pitwall.protocol.device.Assignment;
import io.pitwall.protocol.device.CheckinResponse;
import io.pitwall.protocol.device.Connectivity;
import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.EcuTarget;
import io.pitwall.protocol.device.EventType;
import io.pitwall.protocol.device.VehicleSignals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class AgentDownloadTests {

    private final byte[] image = TestImages.bytes(2500, 8);
    private AgentHarness h;

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void losingWifiMidDownloadPausesAndRegainingItResumesWithRange() throws IOException {
        h = new AgentHarness(dir);
        h.customize = b -> b.policy(InstallPolicy.defaults().withWifiRequiredAboveBytes(1000));
        var target = h.assign("asg-1", image, "2.4.0", 5);
        h.start();
        h.tickUntil(() -> h.server.requests.stream().anyMatch(r -> r.startsWith("GET")), 5);

        h.vehicle(VehicleSignals.parkedAndOff(80, 12.6), Connectivity.CELLULAR);
        h.tick(4);
        assertThat(h.agent.state()).isEqualTo(State.DOWNLOAD_PAUSED);
        long gets = h.server.requests.stream().filter(r -> r.startsWith("GET")).count();
        h.tick(3);
        assertThat(h.server.requests.stream().filter(r -> r.startsWith("GET")).count())
                .isEqualTo(gets);

        h.vehicle(VehicleSignals.parkedAndOff(80, 12.6), Connectivity.WIFI);
        h.settle(State.COMPLETED);

        assertThat(h.events(EventType.INSTALL_PAUSED))
                .extracting(DeviceEvent::detail)
                .containsExactly("WIFI_REQUIRED");
        assertThat(h.types())
                .containsSubsequence(EventType.INSTALL_PAUSED, EventType.INSTALL_RESUMED, EventType.DOWNLOAD_COMPLETED);
        assertThat(h.events(EventType.DOWNLOAD_STARTED)).hasSize(1);
        assertThat(h.server.requests).contains("GET " + target.downloadUrl() + " bytes=1000-");
        assertThat(h.events(EventType.CONNECTIVITY))
                .extracting(DeviceEvent::detail)
                .containsExactly("CELLULAR", "WIFI");
    }

    @Test
    void aBadSignatureIsRefusedBeforeAnyByteIsDownloaded() throws IOException {
        h = new AgentHarness(dir);
        EcuTarget good = h.images.target("BMS-0001", "BMS-HW-7", "2.4.0", image, 5);
        ObjectNode forged = (ObjectNode) good.signedTarget().deepCopy();
        ((ObjectNode) forged.get("signed").get("target").get("custom")).put("releaseCounter", 6);
        EcuTarget bad = new EcuTarget(
                good.ecuSerial(),
                good.hardwareId(),
                good.targetPath(),
                good.version(),
                good.downloadUrl(),
                good.length(),
                good.hashes(),
                6,
                good.installType(),
                forged);
        h.server.artifact(image);
        h.assign(new Assignment("asg-1", "cmp-1", List.of(bad)));
        h.start();

        h.settle(State.FAILED);

        assertThat(h.events(EventType.DOWNLOAD_FAILED)).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("SIGNATURE_INVALID");
            assertThat(e.ecuSerial()).isEqualTo("BMS-0001");
        });
        assertThat(h.server.requests).noneMatch(r -> r.contains("/artifacts/"));
        assertThat(h.bms.installs()).isZero();
    }

    @Test
    void tamperedBytesAreRefusedWithHashMismatchAndNeverInstalled() throws IOException {
        h = new AgentHarness(dir);
        var target = h.assign("asg-1", image, "2.4.0", 5);
        byte[] tampered = image.clone();
        tampered[2000] ^= 0x55;
        h.server.artifactAs(target.hashes().sha256(), tampered);
        h.start();

        h.settle(State.FAILED);

        assertThat(h.events(EventType.DOWNLOAD_FAILED))
                .extracting(DeviceEvent::code)
                .containsExactly("HASH_MISMATCH");
        assertThat(h.bms.installs()).isZero();
        assertThat(Files.list(dir.resolve("agent/staging"))).isEmpty();
    }

    @Test
    void aDowngradeIsRefused() throws IOException {
        h = new AgentHarness(dir);
        h.assign("asg-1", image, "2.0.0", AgentHarness.BMS_FACTORY.releaseCounter() - 1);
        h.start();

        h.settle(State.FAILED);

        assertThat(h.events(EventType.DOWNLOAD_FAILED))
                .extracting(DeviceEvent::code)
                .containsExactly("RELEASE_COUNTER_LOWER");
    }

    @Test
    void anAuthorizedRollbackInstallsTheLowerReleaseCounter() throws IOException {
        h = new AgentHarness(dir);
        long lower = AgentHarness.BMS_FACTORY.releaseCounter() - 1;
        EcuTarget knownGood = h.images.target("BMS-0001", "BMS-HW-7", "1.9.0", image, lower);
        h.server.artifact(image);
        h.assign(new Assignment("asg-rb", "cmp-rb", List.of(knownGood), true));
        h.start();

        h.settle(State.COMPLETED);

        assertThat(h.events(EventType.DOWNLOAD_FAILED)).isEmpty();
        assertThat(h.bms.installed().releaseCounter()).isEqualTo(lower);
        assertThat(h.bms.installed().version()).isEqualTo("1.9.0");
    }

    @Test
    void anAssignmentForAnEcuTheVehicleLacksIsRefused() throws IOException {
        h = new AgentHarness(dir);
        EcuTarget other = h.images.target("IVI-0001", "IVI-HW-2", "10.1.0", image, 5);
        h.assign(new Assignment("asg-1", "cmp-1", List.of(other)));
        h.start();

        h.settle(State.FAILED);

        assertThat(h.events(EventType.DOWNLOAD_FAILED))
                .extracting(DeviceEvent::code)
                .containsExactly("UNKNOWN_ECU");
    }

    @Test
    void aWithdrawnAssignmentIsDroppedWithItsStagedBytes() throws IOException {
        h = new AgentHarness(dir);
        h.customize = b -> b.recheckInterval(java.time.Duration.ofSeconds(1));
        h.assign("asg-1", image, "2.4.0", 5);
        h.server.checkinAnswer.set(
                new CheckinResponse(1, h.server.checkinAnswer.get().assignment(), List.of()));
        h.start();
        h.tickUntil(() -> h.server.requests.stream().anyMatch(r -> r.startsWith("GET")), 5);
        h.server.checkinAnswer.set(new CheckinResponse(1, null, List.of()));
        h.vehicle(VehicleSignals.parkedAndOff(80, 12.6), Connectivity.NONE);
        h.tick(2);
        h.vehicle(VehicleSignals.parkedAndOff(80, 12.6), Connectivity.WIFI);

        h.settle(State.IDLE);

        assertThat(h.agent.assignment()).isEmpty();
        assertThat(Files.list(dir.resolve("agent/staging"))).isEmpty();
        assertThat(h.bms.installs()).isZero();
    }

    @Test
    void aTargetAlreadyRunningOnTheEcuCompletesWithoutDownloading() throws IOException {
        h = new AgentHarness(dir);
        h.assign("asg-1", image, "2.4.0", 5);
        h.start();
        h.settle(State.COMPLETED);
        int requests = h.server.requests.size();

        h.assign("asg-2", image, "2.4.0", 5);
        h.tickUntil(() -> h.server.checkins.size() >= 3, 20);
        h.settle(State.COMPLETED);

        assertThat(h.agent.assignment())
                .hasValueSatisfying(a -> assertThat(a.assignmentId()).isEqualTo("asg-2"));
        assertThat(h.server.requests.subList(requests, h.server.requests.size()))
                .noneMatch(r -> r.contains("/artifacts/"));
        assertThat(h.events(EventType.INSTALL_COMPLETED)).last().satisfies(e -> {
            assertThat(e.assignmentId()).isEqualTo("asg-2");
            assertThat(e.detail()).isEqualTo("already installed");
        });
        assertThat(h.bms.installs()).isEqualTo(1);
    }
}
