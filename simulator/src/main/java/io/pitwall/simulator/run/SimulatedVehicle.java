package io.pitwall.simulator.run;

import io.pitwall.agent.Agent;
import io.pitwall.agent.AgentBuilder;
import io.pitwall.agent.AgentLifecycle.State;
import io.pitwall.agent.AgentStorage;
import io.pitwall.agent.EcuKey;
import io.pitwall.agent.EventJournal;
import io.pitwall.agent.Transport;
import io.pitwall.agent.storage.FileStorage;
import io.pitwall.agent.storage.InMemoryStorage;
import io.pitwall.protocol.device.Assignment;
import io.pitwall.protocol.device.EventType;
import io.pitwall.simulator.fault.AgentKilled;
import io.pitwall.simulator.fault.CrashPlan;
import io.pitwall.simulator.fault.DtcStream;
import io.pitwall.simulator.fault.FaultyEcu;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator.SplittableGenerator;
import java.util.stream.Collectors;

/**
 * One virtual vehicle: the real {@link Agent} over a faulty network, simulated ECUs, evolving vehicle
 * state. When its {@link CrashPlan} kills the agent, the agent object is abandoned mid-flight and, after
 * the restart delay, a new one starts from the same storage directory on the same ECUs — a process
 * restart on intact hardware. Ticks never overlap (the scheduler guarantees it); the observed figures are
 * published in volatile fields for progress readers on other threads.
 */
public final class SimulatedVehicle {

    private final String vin;
    private final Transport transport;
    private final Transport metadata;
    private final List<FaultyEcu> ecus;
    private final VehicleConditions conditions;
    private final CrashPlan plan;
    private final Clock clock;
    private final SplittableGenerator random;
    private final Path dir;
    private final FleetContext context;
    private final DtcStream dtcs;
    private AgentStorage storage;
    private Agent agent;
    private long downUntil;
    private String lastFinished;
    private volatile State state = State.IDLE;
    private volatile State outcome;
    private volatile boolean down;
    private volatile int pending;
    private volatile long produced;
    private volatile int restarts;

    /** @param metadata the fault-free transport Uptane metadata is fetched through (when the context has roots) */
    public SimulatedVehicle(
            String vin,
            Transport transport,
            Transport metadata,
            List<FaultyEcu> ecus,
            VehicleConditions conditions,
            CrashPlan plan,
            Clock clock,
            SplittableGenerator random,
            Path dir,
            FleetContext context,
            DtcStream dtcs) {
        this.vin = vin;
        this.transport = transport;
        this.metadata = metadata;
        this.ecus = List.copyOf(ecus);
        this.conditions = conditions;
        this.plan = plan;
        this.clock = clock;
        this.random = random;
        this.dir = dir;
        this.context = context;
        this.dtcs = dtcs;
    }

    /** One step: (re)start the agent if it is due, tick it, and note what it did. Returns when to come back. */
    Duration tick() {
        long now = context.world().millis();
        if (agent == null) {
            if (now < downUntil) {
                return Duration.ofMillis(downUntil - now);
            }
            boot();
        }
        Agent running = agent;
        // The ECUs' fault memories are read at each tick; hours a killed agent missed are reported after its restart.
        dtcs.emit(now, r -> running.report(EventType.DTC_REPORT, r.ecuSerial(), r.code(), r.detail()));
        Duration next;
        try {
            next = agent.tick();
        } catch (AgentKilled killed) {
            kill(now);
            return context.pacing().restartAfter();
        }
        observe();
        return next;
    }

    private void boot() {
        if (storage == null || dir != null) {
            storage = dir == null ? new InMemoryStorage() : FileStorage.open(dir);
        }
        if (down) {
            restarts++;
        }
        AgentBuilder builder = Agent.builder()
                .transport(transport)
                .storage(storage)
                .vehicleState(conditions)
                .trustedKeys(context.trustedKeys())
                .policy(context.policy())
                .backoff(context.pacing().backoff())
                .clock(clock)
                .random(random.split())
                .recheckInterval(context.pacing().recheck())
                .downloadChunkBytes(context.pacing().downloadChunkBytes())
                .commandHandler(new SimulatedDiagnostics(
                        conditions, ecus.stream().map(FaultyEcu::serial).collect(java.util.stream.Collectors.toSet())));
        for (FaultyEcu ecu : ecus) {
            builder.ecu(ecu.serial(), ecu.hardwareId(), ecu);
            EcuKey key = context.ecuKeys().get(ecu.serial());
            if (key != null) {
                builder.ecuKey(ecu.serial(), key);
            }
        }
        if (context.uptane() != null) {
            builder.uptane(vin, context.uptane().director(), context.uptane().image())
                    .metadataTransport(metadata);
        }
        agent = builder.build();
        down = false;
    }

    private void kill(long now) {
        agent = null;
        down = true;
        downUntil = now + context.pacing().restartAfter().toMillis();
        // The process is gone; only what reached the disk counts. Closing just releases the file handles.
        release();
    }

    private void observe() {
        State current = agent.state();
        state = current;
        EventJournal journal = storage.journal();
        pending = journal.pendingCount();
        produced = journal.nextSeq() - 1;
        if (current.isTerminal()) {
            String id = agent.assignment().map(Assignment::assignmentId).orElse(null);
            if (id != null && !id.equals(lastFinished)) {
                lastFinished = id;
                outcome = current;
                context.outcomes().finished(current);
            }
        }
    }

    /** Releases the storage (file handles); call once the vehicle no longer ticks. */
    public void release() {
        if (storage instanceof FileStorage files) {
            files.close();
        }
    }

    public String vin() {
        return vin;
    }

    /** The DTC reports this vehicle's ECUs sent (counts). */
    public DtcStream dtcs() {
        return dtcs;
    }

    /** The agent's lifecycle state after its last tick. */
    public State state() {
        return state;
    }

    /** How the vehicle's latest finished assignment ended on the vehicle, if one has. */
    public Optional<State> outcome() {
        return Optional.ofNullable(outcome);
    }

    /** Whether the agent is killed and not yet restarted. */
    public boolean isDown() {
        return down;
    }

    /** Events journaled but not yet acknowledged by the server. */
    public int pendingEvents() {
        return pending;
    }

    /** Events the agent produced so far (its journal's highest seq). */
    public long eventsProduced() {
        return produced;
    }

    public int restarts() {
        return restarts;
    }

    public CrashPlan crashPlan() {
        return plan;
    }

    public VehicleConditions conditions() {
        return conditions;
    }

    public boolean keepsStateOnDisk() {
        return dir != null;
    }

    /** Install attempts per ECU serial (the simulated installer was called). */
    public Map<String, Integer> installsByEcu() {
        return ecus.stream().collect(Collectors.toMap(FaultyEcu::serial, FaultyEcu::installs));
    }

    /** The version each ECU runs now, by serial. */
    public Map<String, String> installedVersions() {
        return ecus.stream()
                .collect(Collectors.toMap(FaultyEcu::serial, e -> e.installed().version()));
    }
}
