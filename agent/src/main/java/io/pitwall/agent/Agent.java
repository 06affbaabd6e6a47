package io.pitwall.agent;

import io.pitwall.agent.AgentLifecycle.State;
import io.pitwall.protocol.device.Assignment;
import io.pitwall.protocol.device.CheckinRequest;
import io.pitwall.protocol.device.Connectivity;
import io.pitwall.protocol.device.EcuVersion;
import io.pitwall.protocol.device.EventType;
import io.pitwall.protocol.device.VehicleSignals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The vehicle agent as a step function. Each {@link #tick()} does a bounded amount of work — check in if
 * due, take in an assignment, download one chunk or install, send one batch of events — and returns how
 * long until it wants to run again, so one scheduler can drive thousands of agents without a thread
 * each ({@link #start} does exactly that). Calls to {@code tick()} must not overlap.
 *
 * <pre>{@code
 * Agent agent = Agent.builder()
 *         .transport(HttpTransport.builder(URI.create("https://ota.example.com"), vin, token).build())
 *         .storage(FileStorage.open(Path.of("/var/lib/pitwall")))
 *         .vehicleState(vssBroker::current)
 *         .trustedKeys(provisionedImageKeys)
 *         .ecu("BMS-0001", "BMS-HW-7", bmsInstaller)
 *         .policy(InstallPolicy.defaults())
 *         .build();
 * agent.start(Executors.newSingleThreadScheduledExecutor());
 * }</pre>
 */
public final class Agent {

    private final Clock clock;
    private final Recorder recorder;
    private final Uplink uplink;
    private final EventJournal journal;
    private final AssignmentRunner assignments;
    private final CommandRunner commands;
    private final VehicleStateSource vehicle;
    private final List<Ecu> ecus;
    private final Duration recheck;
    private final Queue<Draft> reports = new ConcurrentLinkedQueue<>();
    private final EcuReports ecuReports;
    private boolean recovered;
    private Connectivity lastLink;

    Agent(AgentBuilder builder) {
        this.clock = builder.clock;
        this.vehicle = builder.vehicleState;
        this.ecus = List.copyOf(builder.ecus.values());
        this.recheck = builder.recheckInterval;
        AgentStorage storage = builder.storage;
        this.recorder = new Recorder(storage, clock);
        this.uplink = new Uplink(
                builder.transport,
                storage.journal(),
                new RetryTimer(builder.backoff, builder.random),
                new RetryTimer(builder.backoff, builder.random));
        this.journal = storage.journal();
        Map<String, Ecu> byId = Map.copyOf(builder.ecus);
        Installation installation = new Installation(
                recorder, byId, storage.staging(), builder.policy, clock, recheck, builder.maxInstallAttempts);
        UptaneGate uptane = builder.uptane == null
                ? null
                : new UptaneGate(
                        builder.uptane,
                        builder.metadataTransport != null ? builder.metadataTransport : builder.transport,
                        storage.metadata(),
                        clock);
        this.assignments = new AssignmentRunner(
                recorder,
                byId,
                new ImageVerifier(builder.trustedKeys),
                uptane,
                new Downloader(builder.transport, storage.staging(), builder.downloadChunkBytes),
                storage.staging(),
                builder.policy,
                new RetryTimer(builder.backoff, builder.random),
                recheck,
                installation,
                uplink::checkinSoon);
        installation.finishWith(assignments::finish);
        this.commands = new CommandRunner(recorder, builder.commandHandler);
        this.ecuReports = new EcuReports(builder.ecuKeys, ecus, storage.metadata(), clock);
    }

    public static AgentBuilder builder() {
        return new AgentBuilder();
    }

    /** Runs one step of the agent; returns the delay until the next call is useful (zero: right away). */
    public Duration tick() {
        Instant now = clock.instant();
        if (!recovered) {
            recorder.recover();
            assignments.recover();
            recovered = true;
        }
        drainReports();
        VehicleState state = vehicle.current();
        boolean online = state.connectivity() != Connectivity.NONE;
        noticeLink(state.connectivity());
        if (online) {
            uplink.checkinIfDue(now, () -> checkinRequest(state)).ifPresent(response -> {
                if (ecuReports.answered(response)) {
                    uplink.checkinSoon();
                }
                assignments.offered(response.assignment());
                commands.run(response.commands(), now);
            });
        }
        Duration work = assignments.step(state, now, online);
        Instant after = clock.instant();
        if (online) {
            uplink.flush(after);
        }
        Duration next = online ? Duration.between(after, uplink.nextWake(after)) : recheck;
        if (work != null && work.compareTo(next) < 0) {
            next = work;
        }
        return next.isNegative() ? Duration.ZERO : next;
    }

    /**
     * Queues a diagnostics event from the vehicle integration (DTC_REPORT or MODULE_HEALTH); thread-safe.
     * It is journaled on the next tick and sent like every other event.
     */
    public void report(EventType type, String ecuSerial, String code, String detail) {
        if (type != EventType.DTC_REPORT && type != EventType.MODULE_HEALTH) {
            throw new IllegalArgumentException("the integration reports DTC_REPORT and MODULE_HEALTH; got " + type);
        }
        reports.add(new Draft(type, null, ecuSerial, code, detail, null, null));
    }

    /** Schedules {@link #tick()} on {@code scheduler}, each run after the delay the previous one asked for. */
    public AgentRunner start(ScheduledExecutorService scheduler) {
        return AgentRunner.start(this, scheduler, recheck);
    }

    /** The lifecycle state of the current assignment (as of the last tick). */
    public State state() {
        return recorder.progress().state();
    }

    public Optional<Assignment> assignment() {
        return Optional.ofNullable(recorder.progress().assignment());
    }

    /** Events journaled but not yet acknowledged by the server. */
    public int pendingEvents() {
        return recorder.journalPending();
    }

    /**
     * The latest events the server refused for good (up to {@value EventJournal#REFUSED_KEPT}), oldest first:
     * kept aside in the journal, never resent. Each was logged once when it was refused.
     */
    public List<RefusedEvent> refusedEvents() {
        return journal.refused();
    }

    private void drainReports() {
        List<Draft> drafts = new ArrayList<>();
        for (Draft draft = reports.poll(); draft != null; draft = reports.poll()) {
            drafts.add(draft);
        }
        if (!drafts.isEmpty()) {
            recorder.emit(drafts);
        }
    }

    private void noticeLink(Connectivity link) {
        if (lastLink != null && link != lastLink) {
            recorder.emit(List.of(Draft.of(EventType.CONNECTIVITY, null, null).detail(link.name())));
            if (lastLink == Connectivity.NONE) {
                uplink.reconnected();
            }
        }
        lastLink = link;
    }

    private CheckinRequest checkinRequest(VehicleState state) {
        List<EcuVersion> manifest = ecus.stream()
                .map(ecu -> {
                    InstalledImage image = ecu.installer().installed();
                    return new EcuVersion(ecu.serial(), ecu.hardwareId(), image.version(), image.sha256());
                })
                .toList();
        // A reading outside its VSS range is left out, like one the vehicle cannot read: the server refuses it.
        VehicleSignals signals = state.signals().withinRange();
        return new CheckinRequest(
                signals, state.connectivity(), state.ownerConsent(), manifest, ecuReports.forCheckin());
    }
}
