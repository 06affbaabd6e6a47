package io.pitwall.simulator;

import io.pitwall.agent.AgentLifecycle.State;
import io.pitwall.agent.EcuKey;
import io.pitwall.agent.InstallPolicy;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.simulator.fault.FaultProfile;
import io.pitwall.simulator.fault.FleetCounters;
import io.pitwall.simulator.fleet.Fleet;
import io.pitwall.simulator.run.FleetContext;
import io.pitwall.simulator.run.FleetOutcomes;
import io.pitwall.simulator.run.SimulatedVehicle;
import io.pitwall.simulator.run.TickScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A running fleet of simulated vehicles against one server. Build it with {@link #builder(URI)} from a
 * provisioned fleet (credentials issued) and the server's image keys, {@link #start()} it, watch it with
 * {@link #snapshot()}, and {@link #close()} it. Vehicles that may be killed keep their state in a directory
 * (a temporary one unless given); the others in memory.
 */
public final class Simulation implements AutoCloseable {

    private final List<SimulatedVehicle> vehicles;
    private final List<Duration> startDelays;
    private final FleetContext context;
    private final int maxConcurrentTicks;
    private final Path ownedTempDir;
    private TickScheduler scheduler;
    private long startedAt;

    Simulation(
            List<SimulatedVehicle> vehicles,
            List<Duration> startDelays,
            FleetContext context,
            int maxConcurrentTicks,
            Path ownedTempDir) {
        this.vehicles = List.copyOf(vehicles);
        this.startDelays = List.copyOf(startDelays);
        this.context = context;
        this.maxConcurrentTicks = maxConcurrentTicks;
        this.ownedTempDir = ownedTempDir;
    }

    public static Builder builder(URI server) {
        return new Builder(server);
    }

    /** Starts every vehicle, their first check-ins spread over the pacing's start spread. */
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        startedAt = context.world().millis();
        scheduler = new TickScheduler(maxConcurrentTicks, context.pacing().recheck());
        for (int i = 0; i < vehicles.size(); i++) {
            scheduler.start(vehicles.get(i), startDelays.get(i));
        }
    }

    public List<SimulatedVehicle> vehicles() {
        return vehicles;
    }

    public Optional<SimulatedVehicle> vehicle(String vin) {
        return vehicles.stream().filter(v -> v.vin().equals(vin)).findFirst();
    }

    public FleetSnapshot snapshot() {
        Map<State, Integer> byState = new EnumMap<>(State.class);
        int down = 0;
        long pending = 0;
        long produced = 0;
        for (SimulatedVehicle vehicle : vehicles) {
            if (vehicle.isDown()) {
                down++;
            } else {
                byState.merge(vehicle.state(), 1, Integer::sum);
            }
            pending += vehicle.pendingEvents();
            produced += vehicle.eventsProduced();
        }
        TickScheduler running = scheduler;
        long elapsed = running == null ? 0 : context.world().millis() - startedAt;
        return new FleetSnapshot(
                Duration.ofMillis(elapsed),
                vehicles.size(),
                byState,
                down,
                pending,
                produced,
                context.outcomes().counts(),
                context.counters().counts(),
                running == null ? 0 : running.errors(),
                running == null ? null : running.firstError());
    }

    /** Stops every vehicle after its running tick and releases their storage. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.close();
        }
        vehicles.forEach(SimulatedVehicle::release);
        if (ownedTempDir != null) {
            delete(ownedTempDir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }

    /** Builder; server, fleet, credentials and trusted keys are required. */
    public static final class Builder {

        final URI server;
        Fleet fleet;
        Map<String, String> credentials;
        List<TufKey> trustedKeys;
        FaultProfile faults = FaultProfile.CLEAN;
        Seeds seeds = new Seeds(1);
        Pacing pacing = Pacing.standard();
        Path stateDir;
        Clock world = Clock.systemUTC();
        InstallPolicy policy = InstallPolicy.defaults();
        int maxConcurrentTicks = 64;
        HttpClient httpClient;
        UptaneRoots uptane;
        Map<String, EcuKey> ecuKeys = Map.of();

        Builder(URI server) {
            this.server = Objects.requireNonNull(server, "server");
        }

        public Builder fleet(Fleet value) {
            this.fleet = value;
            return this;
        }

        /** The vehicle tokens by VIN, as issued by the server. */
        public Builder credentials(Map<String, String> value) {
            this.credentials = Map.copyOf(value);
            return this;
        }

        public Builder trustedKeys(List<TufKey> value) {
            this.trustedKeys = List.copyOf(value);
            return this;
        }

        /**
         * Makes every vehicle a full Uptane primary trusting these roots ({@link UptaneRoots#fetch}); its metadata
         * requests bypass the simulated network faults, which stay on check-ins, events and image downloads.
         */
        public Builder uptane(UptaneRoots value) {
            this.uptane = value;
            return this;
        }

        /**
         * The ECUs' identity keys by serial, as registered with the server ({@link Provisioning#registerEcuKeys}):
         * those ECUs sign version reports. Default none (about 1 KB of heap per key).
         */
        public Builder ecuKeys(Map<String, EcuKey> value) {
            this.ecuKeys = Map.copyOf(value);
            return this;
        }

        public Builder faults(FaultProfile value) {
            this.faults = Objects.requireNonNull(value);
            return this;
        }

        /** The seed the faults are drawn from (use the fleet's, so the same seed repeats the same run). */
        public Builder seeds(Seeds value) {
            this.seeds = Objects.requireNonNull(value);
            return this;
        }

        public Builder pacing(Pacing value) {
            this.pacing = Objects.requireNonNull(value);
            return this;
        }

        /** Where vehicles that may be killed keep their agent's files (default: a temporary directory). */
        public Builder stateDir(Path value) {
            this.stateDir = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.world = Objects.requireNonNull(value);
            return this;
        }

        public Builder policy(InstallPolicy value) {
            this.policy = Objects.requireNonNull(value);
            return this;
        }

        /** The most ticks running at once (the platform pool size when there are no virtual threads). */
        public Builder maxConcurrentTicks(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("at least one tick at a time");
            }
            this.maxConcurrentTicks = value;
            return this;
        }

        /** The one HttpClient every vehicle shares (default: a new HTTP/1.1 client). */
        public Builder httpClient(HttpClient value) {
            this.httpClient = value;
            return this;
        }

        public Simulation build() {
            Objects.requireNonNull(fleet, "fleet");
            Objects.requireNonNull(credentials, "credentials");
            if (trustedKeys == null || trustedKeys.isEmpty()) {
                throw new IllegalStateException("vehicles need the server's image keys to trust");
            }
            var context = new FleetContext(
                    trustedKeys, policy, pacing, world, new FleetCounters(), new FleetOutcomes(), uptane, ecuKeys);
            HttpClient http = httpClient != null
                    ? httpClient
                    : HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(5))
                            .build();
            return new VehicleAssembly(this, context, http).assemble();
        }

        Path createTempDir() {
            try {
                return Files.createTempDirectory("pitwall-sim-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a directory for the agents' state", e);
            }
        }
    }
}
