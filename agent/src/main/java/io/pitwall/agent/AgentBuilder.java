package io.pitwall.agent;

import io.pitwall.protocol.tuf.TufKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Wires an {@link Agent}. Required: transport, storage, vehicle state, trusted keys, at least one ECU.
 * Everything else has a default: {@link InstallPolicy#defaults()}, {@link Backoff#defaults()}, the UTC
 * system clock, a fresh random generator, 60 s between re-checks of unmet rules, 8 MiB per download step,
 * 3 install attempts, no remote commands.
 */
public final class AgentBuilder {

    Transport transport;
    AgentStorage storage;
    VehicleStateSource vehicleState;
    final Map<String, TufKey> trustedKeys = new LinkedHashMap<>();
    final Map<String, Ecu> ecus = new LinkedHashMap<>();
    final Map<String, EcuKey> ecuKeys = new LinkedHashMap<>();
    InstallPolicy policy = InstallPolicy.defaults();
    Backoff backoff = Backoff.defaults();
    Clock clock = Clock.systemUTC();
    RandomGenerator random = RandomGenerator.getDefault();
    Duration recheckInterval = Duration.ofSeconds(60);
    long downloadChunkBytes = 8L * 1024 * 1024;
    int maxInstallAttempts = 3;
    CommandHandler commandHandler = CommandHandler.none();
    UptaneTrust uptane;
    Transport metadataTransport;

    /**
     * The trust anchors of an Uptane primary: this vehicle's VIN and the newest root of the director and of the
     * image repository ({@code root.json} at provisioning), as installed at manufacture. An older root still works
     * (the chain is followed), but it trusts keys a hand-over or rotation has since replaced.
     */
    public record UptaneTrust(String vin, byte[] directorRoot, byte[] imageRoot) {

        public UptaneTrust {
            if (vin == null || vin.isBlank() || directorRoot == null || imageRoot == null) {
                throw new IllegalArgumentException("Uptane needs the VIN and both trusted roots");
            }
            directorRoot = directorRoot.clone();
            imageRoot = imageRoot.clone();
        }
    }

    AgentBuilder() {}

    public AgentBuilder transport(Transport value) {
        this.transport = Objects.requireNonNull(value);
        return this;
    }

    public AgentBuilder storage(AgentStorage value) {
        this.storage = Objects.requireNonNull(value);
        return this;
    }

    public AgentBuilder vehicleState(VehicleStateSource value) {
        this.vehicleState = Objects.requireNonNull(value);
        return this;
    }

    /** The image-signing keys provisioned with the vehicle; only entries they signed are installed. */
    public AgentBuilder trustedKeys(Collection<TufKey> keys) {
        keys.forEach(key -> trustedKeys.put(key.keyId(), key));
        return this;
    }

    public AgentBuilder ecu(String serial, String hardwareId, EcuInstaller installer) {
        Ecu ecu = new Ecu(serial, hardwareId, installer);
        if (ecus.putIfAbsent(serial, ecu) != null) {
            throw new IllegalArgumentException("ECU " + serial + " registered twice");
        }
        return this;
    }

    /**
     * The identity key of an ECU registered with {@link #ecu}: its version reports are then signed and sent
     * when its installed image changes or the server asks for fresh reports. ECUs without a key send none.
     */
    public AgentBuilder ecuKey(String serial, EcuKey key) {
        ecuKeys.put(Objects.requireNonNull(serial), Objects.requireNonNull(key));
        return this;
    }

    public AgentBuilder policy(InstallPolicy value) {
        this.policy = Objects.requireNonNull(value);
        return this;
    }

    public AgentBuilder backoff(Backoff value) {
        this.backoff = Objects.requireNonNull(value);
        return this;
    }

    public AgentBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value);
        return this;
    }

    public AgentBuilder random(RandomGenerator value) {
        this.random = Objects.requireNonNull(value);
        return this;
    }

    /** How often unmet vehicle-state rules (and a missing network) are looked at again. */
    public AgentBuilder recheckInterval(Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("recheck interval must be positive");
        }
        this.recheckInterval = value;
        return this;
    }

    /** Bytes downloaded per tick; the download rules are re-checked between chunks. */
    public AgentBuilder downloadChunkBytes(long value) {
        if (value < 1) {
            throw new IllegalArgumentException("chunk must be at least one byte");
        }
        this.downloadChunkBytes = value;
        return this;
    }

    /** Install attempts per assignment before a retryable failure becomes INSTALL_FAILED. */
    public AgentBuilder maxInstallAttempts(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
        this.maxInstallAttempts = value;
        return this;
    }

    /**
     * Makes the agent a full Uptane primary: before downloading an assignment (received, or resumed after a
     * restart) it refreshes this vehicle's director repository ({@code /device/v1/vehicles/{vin}/director/}) and
     * the image repository ({@code /repo/}), and refuses the update unless both agree with it
     * ({@link io.pitwall.agent.uptane.UptanePrimary}); a lower release counter then needs the director's signed
     * {@code authorizedRollback}. The roots are stored in the agent's metadata store unless one is stored already.
     * Without this option only the signed targets entry in the assignment is verified.
     */
    public AgentBuilder uptane(String vin, byte[] directorRoot, byte[] imageRoot) {
        this.uptane = new UptaneTrust(vin, directorRoot, imageRoot);
        return this;
    }

    /** Where Uptane metadata is fetched from (default: the transport); a simulator keeps it out of its faults. */
    public AgentBuilder metadataTransport(Transport value) {
        this.metadataTransport = Objects.requireNonNull(value);
        return this;
    }

    public AgentBuilder commandHandler(CommandHandler value) {
        this.commandHandler = Objects.requireNonNull(value);
        return this;
    }

    public Agent build() {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(vehicleState, "vehicleState");
        if (trustedKeys.isEmpty()) {
            throw new IllegalStateException("an agent without trusted keys could verify nothing");
        }
        if (ecus.isEmpty()) {
            throw new IllegalStateException("register at least one ECU");
        }
        if (!ecus.keySet().containsAll(ecuKeys.keySet())) {
            throw new IllegalStateException("an ECU key for an ECU that is not registered: " + ecuKeys.keySet());
        }
        return new Agent(this);
    }
}
