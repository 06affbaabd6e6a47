package io.pitwall.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.agent.AgentLifecycle.State;
import io.pitwall.protocol.device.Command;
import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.EventType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Talking to the server: poll interval, backoff, network loss, event batches, commands. */
class AgentUplinkTests {

    @TempDir
    Path dir;

    private AgentHarness h;

    @BeforeEach
    void setUp() throws IOException {
        h = new AgentHarness(dir);
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void checksInAgainExactlyWhenTheServerSaid() {
        h.start();
        assertThat(h.tick()).isEqualTo(Duration.ofSeconds(60));
        assertThat(h.server.checkins).hasSize(1);

        h.clock.advance(Duration.ofSeconds(-1));
        h.agent.tick();
        assertThat(h.server.checkins).hasSize(1);
        h.clock.advance(Duration.ofSeconds(1));
        h.agent.tick();
        assertThat(h.server.checkins).hasSize(2);
    }

    @Test
    void backsOffExponentiallyWithJitterWhileTheServerIsUnreachable() {
        h.offline.set(true);
        h.start();
        Backoff backoff = Backoff.defaults();

        for (int failures = 1; failures <= 12; failures++) {
            Duration delay = h.tick();
            assertThat(delay)
                    .as("after %d failures", failures)
                    .isBetween(backoff.ceiling(failures).dividedBy(2), backoff.ceiling(failures));
        }
        assertThat(h.delays.subList(8, 12)).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMinutes(15)));
        assertThat(h.delays.stream().distinct().count()).isGreaterThan(6);
        assertThat(h.server.checkins).isEmpty();
    }

    @Test
    void honoursRetryAfterWhenItAsksForMoreThanTheBackoff() {
        h.server.failNextRequestsWith503 = 1;
        h.server.retryAfterSeconds = 600;
        h.start();

        assertThat(h.tick()).isEqualTo(Duration.ofSeconds(600));
        h.tick();
        assertThat(h.server.checkins).hasSize(1);
    }

    @Test
    void installsWhileTheServerIsUnreachableAndDeliversEveryEventOnceItIsBack() {
        h.assign("asg-1", TestImages.bytes(2500, 10), "2.4.0", 5);
        h.start();
        h.tickUntil(() -> h.agent.state() == State.READY, 10);
        h.offline.set(true);

        h.tickUntil(() -> h.agent.state() == State.COMPLETED, 10);
        h.tick(3);
        assertThat(h.agent.pendingEvents()).isPositive();
        assertThat(h.bms.installs()).isEqualTo(1);

        h.offline.set(false);
        h.settle(State.COMPLETED);
        assertThat(h.types()).contains(EventType.INSTALL_COMPLETED, EventType.POST_UPDATE_HEALTH);
        assertThat(h.server.events())
                .extracting(DeviceEvent::seq)
                .isEqualTo(LongStream.rangeClosed(1, h.server.events().size())
                        .boxed()
                        .toList());
    }

    @Test
    void sendsLargeBacklogsInBatchesOfAtMost500() {
        h.start();
        h.tick();
        for (int i = 0; i < 1200; i++) {
            h.agent.report(EventType.DTC_REPORT, "BMS-0001", "P0A80", "occurrence " + i);
        }

        assertThat(h.tick()).isZero();
        assertThat(h.server.events()).hasSize(500);
        h.tickUntil(() -> h.agent.pendingEvents() == 0, 5);
        assertThat(h.server.events()).hasSize(1200);
        assertThat(h.server.events().get(1199).detail()).isEqualTo("occurrence 1199");
    }

    @Test
    void anEventTheServerRefusesIsSetAsideWhileTheOthersAreAcknowledgedAndLaterEventsFlow() {
        h.server.refuse = event -> "BAD".equals(event.code());
        h.start();
        h.tick();
        h.agent.report(EventType.MODULE_HEALTH, "BMS-0001", "OK", "first");
        h.agent.report(EventType.MODULE_HEALTH, "BMS-0001", "BAD", "second");
        h.agent.report(EventType.MODULE_HEALTH, "BMS-0001", "OK", "third");

        h.tick();
        assertThat(h.events(EventType.MODULE_HEALTH))
                .extracting(DeviceEvent::detail)
                .containsExactly("first", "third");
        assertThat(h.agent.pendingEvents()).isZero();
        assertThat(h.agent.refusedEvents()).singleElement().satisfies(refused -> {
            assertThat(refused.event().detail()).isEqualTo("second");
            assertThat(refused.code()).isEqualTo("invalid-event");
        });

        h.agent.report(EventType.MODULE_HEALTH, "BMS-0001", "OK", "fourth");
        h.tick();
        h.restart();
        h.tick(3);
        assertThat(h.events(EventType.MODULE_HEALTH))
                .extracting(DeviceEvent::detail)
                .containsExactly("first", "third", "fourth");
        assertThat(eventBatches())
                .as("the refused event was not sent again, not even after a restart")
                .isEqualTo(2);
        assertThat(h.agent.refusedEvents()).as("kept aside across the restart").hasSize(1);
        assertThat(List.copyOf(h.server.conflicts)).isEmpty();
    }

    @Test
    void checkInsKeepTheirScheduleWhileTheServerTurnsEveryEventBatchAway() {
        h.server.failEventsWith = 503;
        h.server.retryAfterSeconds = 900;
        h.start();
        h.tick();
        java.time.Instant first = h.clock.instant();
        h.agent.report(EventType.MODULE_HEALTH, "BMS-0001", "OK", "waiting");

        while (h.clock.instant().isBefore(first.plus(Duration.ofMinutes(10)))) {
            h.tick();
        }
        assertThat(h.server.checkins)
                .as("one check-in a minute, as the server said")
                .hasSize(11);
        assertThat(eventBatches())
                .as("batches wait out the server's Retry-After")
                .isEqualTo(1);
        assertThat(h.agent.pendingEvents()).isEqualTo(1);

        h.server.failEventsWith = 0;
        h.tickUntil(() -> h.agent.pendingEvents() == 0, 20);
        assertThat(h.events(EventType.MODULE_HEALTH))
                .extracting(DeviceEvent::detail)
                .containsExactly("waiting");
    }

    private long eventBatches() {
        return h.server.requests.stream()
                .filter(r -> r.startsWith("POST") && r.endsWith("/events"))
                .count();
    }

    @Test
    void readingsOutsideTheirVssRangesAreLeftOutOfTheCheckIn() {
        h.vehicle(
                new io.pitwall.protocol.device.VehicleSignals(
                        -50.0, 12.6, io.pitwall.protocol.device.LowVoltageSystemState.OFF, true, 0.0, 999.0, 11.5),
                h.vehicle.connectivity());
        h.start();
        h.tick();
        var signals = h.server.checkins.get(0).signals();
        assertThat(signals.stateOfChargePercent()).isNull();
        assertThat(signals.latitude()).isNull();
        assertThat(signals.longitude()).isEqualTo(11.5);
        assertThat(signals.lowVoltageBatteryVolts()).isEqualTo(12.6);
    }

    @Test
    void theIntegrationReportsOnlyDiagnostics() {
        h.start();
        assertThatThrownBy(() -> h.agent.report(EventType.INSTALL_COMPLETED, "BMS-0001", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        h.agent.report(EventType.MODULE_HEALTH, "BMS-0001", "DEGRADED", "cell imbalance");
        h.tick();
        assertThat(h.events(EventType.MODULE_HEALTH))
                .singleElement()
                .satisfies(e -> assertThat(e.code()).isEqualTo("DEGRADED"));
    }

    @Test
    void runsEachCommandOnceAndAnswersItWithItsId() {
        AtomicInteger runs = new AtomicInteger();
        h.customize = b -> b.commandHandler(command -> {
            runs.incrementAndGet();
            return command.type().equals("READ_DTC") ? CommandResult.ok("P0A80") : CommandResult.unsupported();
        });
        h.commands(
                new Command(
                        "cmd-1",
                        "READ_DTC",
                        Map.of("ecuSerial", "BMS-0001"),
                        h.clock.instant().plusSeconds(600)),
                new Command("cmd-2", "FLY", Map.of(), null),
                new Command("cmd-3", "READ_DTC", Map.of(), h.clock.instant().minusSeconds(1)));
        h.start();

        h.tickUntil(() -> h.server.checkins.size() >= 3, 10);

        assertThat(runs).hasValue(2);
        assertThat(h.events(EventType.COMMAND_RESULT))
                .extracting(DeviceEvent::commandId, DeviceEvent::code, DeviceEvent::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cmd-1", "OK", "P0A80"),
                        org.assertj.core.groups.Tuple.tuple("cmd-2", "UNSUPPORTED", null),
                        org.assertj.core.groups.Tuple.tuple("cmd-3", "EXPIRED", null));
    }

    @Test
    void runsOnASchedulerWithoutAThreadOfItsOwn() throws Exception {
        var scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        h.customize = b -> b.clock(java.time.Clock.systemUTC());
        h.assign("asg-1", TestImages.bytes(2500, 11), "2.4.0", 5);
        Agent agent = h.start();
        try (AgentRunner runner = agent.start(scheduler)) {
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> h.types().contains(EventType.INSTALL_COMPLETED) && agent.pendingEvents() == 0);
        } finally {
            scheduler.shutdownNow();
        }
        assertThat(h.bms.installed().version()).isEqualTo("2.4.0");
        assertThat(List.copyOf(h.server.conflicts)).isEmpty();
    }
}
