package io.pitwall.agent;

import io.pitwall.agent.http.HttpTransport;
import io.pitwall.agent.sim.FaultModel;
import io.pitwall.agent.sim.SimulatedEcuInstaller;
import io.pitwall.agent.storage.FileStorage;
import io.pitwall.protocol.device.Assignment;
import io.pitwall.protocol.device.CheckinResponse;
import io.pitwall.protocol.device.Command;
import io.pitwall.protocol.device.Connectivity;
import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.EcuTarget;
import io.pitwall.protocol.device.EventType;
import io.pitwall.protocol.device.VehicleSignals;
import io.pitwall.testsupport.MovableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * A real agent against the fake server in one JVM, driven tick by tick on a test clock: no threads, no
 * sleeps. "Restarting" builds a new agent on the same directory and the same ECUs.
 */
final class AgentHarness implements AutoCloseable {

    static final InstalledImage BMS_FACTORY = new InstalledImage("2.3.1", "c".repeat(64), 4);
    final TestImages images = new TestImages();
    final FakeDeviceServer server;
    final MovableClock clock = new MovableClock(Instant.parse("2030-01-01T08:00:00Z"));
    final Path dir;
    final AtomicBoolean offline = new AtomicBoolean();
    volatile VehicleState vehicle = new VehicleState(VehicleSignals.parkedAndOff(80, 12.6), Connectivity.WIFI, true);
    SimulatedEcuInstaller bms;
    EcuInstaller bmsInstaller;
    UnaryOperator<AgentBuilder> customize = b -> b;
    UnaryOperator<AgentStorage> wrapStorage = s -> s;
    final List<Duration> delays = new ArrayList<>();
    /** Opens the agent's storage; the default reopens the same directory, as a restarted vehicle would. */
    java.util.function.Function<Path, AgentStorage> openStorage = d -> FileStorage.open(d.resolve("agent"), 4);

    private AgentStorage storage;
    Agent agent;

    AgentHarness(Path dir) throws IOException {
        this.dir = dir;
        this.server = new FakeDeviceServer();
        bms(FaultModel.none());
    }

    AgentHarness bms(FaultModel faults) {
        bms = SimulatedEcuInstaller.builder(BMS_FACTORY, new SplittableRandom(5))
                .faults(faults)
                .build();
        bmsInstaller = bms;
        return this;
    }

    Agent start() {
        storage = openStorage.apply(dir);
        Transport http = HttpTransport.builder(server.base(), TestImages.VIN, FakeDeviceServer.TOKEN)
                .readTimeout(Duration.ofSeconds(5))
                .build();
        agent = customize
                .apply(Agent.builder()
                        .transport(new SwitchableTransport(http, offline))
                        .storage(wrapStorage.apply(storage))
                        .vehicleState(() -> vehicle)
                        .trustedKeys(images.trusted().values())
                        .ecu("BMS-0001", "BMS-HW-7", bmsInstaller)
                        .clock(clock)
                        .random(new SplittableRandom(99))
                        .downloadChunkBytes(1000)
                        .recheckInterval(Duration.ofSeconds(60)))
                .build();
        return agent;
    }

    /** A crash: the old agent and its open files are abandoned mid-flight, a new one starts on the same disk. */
    Agent restart() {
        return start();
    }

    EcuTarget assign(String assignmentId, byte[] image, String version, long releaseCounter) {
        EcuTarget target = images.target("BMS-0001", "BMS-HW-7", version, image, releaseCounter);
        server.artifact(image);
        assign(new Assignment(assignmentId, "cmp-1", List.of(target)));
        return target;
    }

    void assign(Assignment assignment) {
        server.checkinAnswer.set(new CheckinResponse(300, assignment, List.of()));
    }

    void commands(Command... commands) {
        var current = server.checkinAnswer.get();
        server.checkinAnswer.set(
                new CheckinResponse(current.pollAfterSeconds(), current.assignment(), List.of(commands)));
    }

    /** Ticks, advancing the clock by each returned delay, until the condition holds. */
    void tickUntil(BooleanSupplier condition, int maxTicks) {
        for (int i = 0; i < maxTicks; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            tick();
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError("condition not reached in " + maxTicks + " ticks; events " + types());
        }
    }

    Duration tick() {
        Duration delay = agent.tick();
        delays.add(delay);
        clock.advance(delay);
        return delay;
    }

    void tick(int times) {
        for (int i = 0; i < times; i++) {
            tick();
        }
    }

    /** Until the agent is in {@code state} and the server has every event. */
    void settle(AgentLifecycle.State state) {
        tickUntil(() -> agent.state() == state && agent.pendingEvents() == 0, 200);
    }

    List<EventType> types() {
        return server.events().stream().map(DeviceEvent::type).toList();
    }

    List<DeviceEvent> events(EventType type) {
        return server.events().stream().filter(e -> e.type() == type).toList();
    }

    void vehicle(VehicleSignals signals, Connectivity link) {
        vehicle = new VehicleState(signals, link, vehicle.ownerConsent());
    }

    @Override
    public void close() {
        server.close();
        if (storage instanceof FileStorage files) {
            files.close();
        }
    }

    /** The network as the vehicle sees it: when "offline", every request fails like a dead link. */
    static final class SwitchableTransport implements Transport {

        private final Transport delegate;
        private final AtomicBoolean offline;

        SwitchableTransport(Transport delegate, AtomicBoolean offline) {
            this.delegate = delegate;
            this.offline = offline;
        }

        private void check() throws IOException {
            if (offline.get()) {
                throw new java.net.ConnectException("network unreachable");
            }
        }

        @Override
        public io.pitwall.protocol.device.CheckinResponse checkin(io.pitwall.protocol.device.CheckinRequest request)
                throws IOException {
            check();
            return delegate.checkin(request);
        }

        @Override
        public io.pitwall.protocol.device.EventsAck sendEvents(io.pitwall.protocol.device.EventBatch batch)
                throws IOException {
            check();
            return delegate.sendEvents(batch);
        }

        @Override
        public ArtifactHead head(String url) throws IOException {
            check();
            return delegate.head(url);
        }

        @Override
        public ArtifactBody download(String url, long offset) throws IOException {
            check();
            return delegate.download(url, offset);
        }
    }
}
