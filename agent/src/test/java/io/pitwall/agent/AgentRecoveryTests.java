package io.pitwall.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.agent.AgentLifecycle.State;
import io.pitwall.agent.CrashingStorage.Crash;
import io.pitwall.agent.sim.FaultModel;
import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.EventType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarts and crashes: the agent resumes rather than redoes, and the server sees each event once. */
class AgentRecoveryTests {

    private final byte[] image = TestImages.bytes(2500, 9);

    @TempDir
    Path dir;

    @Test
    void aRestartMidDownloadResumesWithRangeAndReportsNothingTwice() throws IOException {
        try (var h = new AgentHarness(dir)) {
            var target = h.assign("asg-1", image, "2.4.0", 5);
            h.start();
            h.tickUntil(() -> h.server.requests.stream().anyMatch(r -> r.startsWith("GET")), 5);

            h.restart();
            h.settle(State.COMPLETED);

            assertThat(h.server.requests).contains("GET " + target.downloadUrl() + " bytes=1000-");
            assertThat(h.server.requests.stream()
                            .filter(r -> r.startsWith("GET"))
                            .count())
                    .isEqualTo(3);
            assertThat(h.events(EventType.DOWNLOAD_STARTED)).hasSize(1);
            assertThat(h.server.conflicts).isEmpty();
        }
    }

    @Test
    void aCrashRightAfterTheInstallerFinishedIsConfirmedNotRedone() throws IOException {
        try (var h = new AgentHarness(dir)) {
            AtomicBoolean crash = new AtomicBoolean(true);
            h.bmsInstaller = crashing(h, crash, false);
            h.assign("asg-1", image, "2.4.0", 5);
            h.start();
            assertThatThrownBy(() -> h.tick(20)).isInstanceOf(Crash.class);

            h.restart();
            h.settle(State.COMPLETED);

            assertThat(h.bms.installs()).isEqualTo(1);
            assertThat(h.events(EventType.INSTALL_STARTED)).hasSize(1);
            assertThat(h.events(EventType.INSTALL_COMPLETED))
                    .extracting(DeviceEvent::detail)
                    .containsExactly("confirmed after agent restart");
            assertThat(h.events(EventType.POST_UPDATE_HEALTH))
                    .as("the health report of the confirmed install")
                    .singleElement()
                    .satisfies(health -> {
                        assertThat(health.code()).isEqualTo("HEALTHY");
                        assertThat(health.assignmentId()).isEqualTo("asg-1");
                        assertThat(health.ecuSerial()).isEqualTo("BMS-0001");
                        assertThat(health.detail()).endsWith("(confirmed after agent restart)");
                    });
            assertThat(h.server.conflicts).isEmpty();
        }
    }

    @Test
    void anInstallConfirmedAfterACrashIsReportedHealthyEvenByAnInstallerThatRemembersNothing() throws IOException {
        try (var h = new AgentHarness(dir)) {
            AtomicBoolean crash = new AtomicBoolean(true);
            EcuInstaller remembering = crashing(h, crash, false);
            h.bmsInstaller = new EcuInstaller() {
                @Override
                public InstalledImage installed() {
                    return remembering.installed();
                }

                @Override
                public InstallOutcome install(InstallRequest request) {
                    return remembering.install(request);
                }
            };
            h.assign("asg-1", image, "2.4.0", 5);
            h.start();
            assertThatThrownBy(() -> h.tick(20)).isInstanceOf(Crash.class);

            h.restart();
            h.settle(State.COMPLETED);

            assertThat(h.events(EventType.POST_UPDATE_HEALTH)).singleElement().satisfies(health -> {
                assertThat(health.code()).isEqualTo("HEALTHY");
                assertThat(health.detail()).isEqualTo("runs the target image after an agent restart");
            });
            assertThat(h.types())
                    .containsSubsequence(
                            EventType.INSTALL_STARTED, EventType.INSTALL_COMPLETED, EventType.POST_UPDATE_HEALTH);
        }
    }

    @Test
    void aCrashRightAfterTheEcuRolledBackIsReportedAsTheRollbackNotInstalledAgain() throws IOException {
        try (var h = new AgentHarness(dir)) {
            h.bms(FaultModel.always(new FaultModel.Faults(0, 1)));
            AtomicBoolean crash = new AtomicBoolean(true);
            h.bmsInstaller = crashing(h, crash, false);
            String sha = h.assign("asg-1", image, "2.4.0", 5).hashes().sha256();
            h.start();
            assertThatThrownBy(() -> h.tick(20)).isInstanceOf(Crash.class);

            h.restart();
            h.settle(State.ROLLED_BACK);

            assertThat(h.bms.lastOutcome("asg-1", sha)).containsInstanceOf(InstallOutcome.RolledBack.class);
            assertThat(h.bms.lastOutcome("asg-2", sha))
                    .as("another assignment's install of the image")
                    .isEmpty();
            assertThat(h.bms.installs())
                    .as("the ECU is not flashed a second time")
                    .isEqualTo(1);
            assertThat(h.events(EventType.INSTALL_STARTED)).hasSize(1);
            assertThat(h.events(EventType.ROLLED_BACK))
                    .extracting(DeviceEvent::code)
                    .containsExactly("HEALTH_CHECK_FAILED");
            assertThat(h.events(EventType.ROLLED_BACK).get(0).detail()).endsWith("(confirmed after agent restart)");
            assertThat(h.bms.installed()).isEqualTo(AgentHarness.BMS_FACTORY);
            assertThat(h.server.conflicts).isEmpty();
        }
    }

    @Test
    void aCrashBeforeTheInstallerWroteAnythingRedoesItOnceAfterCheckingTheRulesAgain() throws IOException {
        try (var h = new AgentHarness(dir)) {
            AtomicBoolean crash = new AtomicBoolean(true);
            h.bmsInstaller = crashing(h, crash, true);
            h.assign("asg-1", image, "2.4.0", 5);
            h.start();
            assertThatThrownBy(() -> h.tick(20)).isInstanceOf(Crash.class);

            h.restart();
            h.settle(State.COMPLETED);

            assertThat(h.bms.installs()).isEqualTo(1);
            assertThat(h.types())
                    .containsSubsequence(
                            EventType.INSTALL_STARTED,
                            EventType.INSTALL_RETRIED,
                            EventType.INSTALL_STARTED,
                            EventType.INSTALL_COMPLETED);
            assertThat(h.events(EventType.INSTALL_RETRIED))
                    .extracting(DeviceEvent::code)
                    .containsExactly("INSTALL_INTERRUPTED");
        }
    }

    /**
     * Power fails at the n-th durable write, for every n of a whole update: after the restart the
     * update completes, each step is reported, and no seq ever carries two different events.
     */
    @Test
    void aCrashAtAnyDurableWriteLosesNothingAndDoubleCountsNothing() throws IOException {
        for (int crashAt = 1; ; crashAt++) {
            AtomicInteger writes = new AtomicInteger();
            boolean crashed;
            try (var h = new AgentHarness(dir.resolve("run-" + crashAt))) {
                int at = crashAt;
                // The journal's own crash safety is proven byte by byte in FileEventJournalTests; here the
                // question is the agent's order of writes, so the heap stands in for the disk.
                var disk = new io.pitwall.agent.storage.InMemoryStorage();
                h.openStorage = d -> disk;
                h.wrapStorage = storage -> new CrashingStorage(storage, writes, at);
                h.assign("asg-1", image, "2.4.0", 5);
                h.start();
                try {
                    h.settle(State.COMPLETED);
                    crashed = false;
                } catch (Crash crash) {
                    crashed = true;
                    h.restart();
                    h.settle(State.COMPLETED);
                }
                String at2 = "crash at write " + crashAt;
                assertThat(h.server.conflicts).as(at2).isEmpty();
                assertThat(h.events(EventType.DOWNLOAD_STARTED)).as(at2).hasSize(1);
                assertThat(h.events(EventType.DOWNLOAD_COMPLETED)).as(at2).hasSize(1);
                assertThat(h.events(EventType.INSTALL_COMPLETED)).as(at2).hasSize(1);
                assertThat(h.events(EventType.POST_UPDATE_HEALTH)).as(at2).hasSize(1);
                assertThat(h.events(EventType.INSTALL_STARTED)).as(at2).hasSizeBetween(1, 2);
                assertThat(h.bms.installs()).as(at2).isEqualTo(1);
                assertThat(h.server.events())
                        .extracting(DeviceEvent::seq)
                        .as(at2)
                        .isEqualTo(java.util.stream.LongStream.rangeClosed(
                                        1, h.server.events().size())
                                .boxed()
                                .toList());
            }
            if (!crashed) {
                assertThat(crashAt).as("the update took several durable writes").isGreaterThan(10);
                return;
            }
        }
    }

    private static EcuInstaller crashing(AgentHarness h, AtomicBoolean crash, boolean before) {
        return new EcuInstaller() {
            @Override
            public InstalledImage installed() {
                return h.bms.installed();
            }

            @Override
            public java.util.Optional<InstallOutcome> lastOutcome(String assignmentId, String imageSha256) {
                return h.bms.lastOutcome(assignmentId, imageSha256);
            }

            @Override
            public InstallOutcome install(InstallRequest request) {
                if (before && crash.getAndSet(false)) {
                    throw new Crash("before install");
                }
                InstallOutcome outcome = h.bms.install(request);
                if (crash.getAndSet(false)) {
                    throw new Crash("after install");
                }
                return outcome;
            }
        };
    }
}
