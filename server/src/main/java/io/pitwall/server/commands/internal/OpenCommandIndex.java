package io.pitwall.server.commands.internal;

import io.pitwall.server.commands.CommandSettings;
import io.pitwall.server.commands.persistence.DiagnosticCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Which vehicles may have a command to deliver, kept in memory so that an idle check-in costs no extra
 * query: the database's set is reloaded every {@link CommandSettings#refresh()} on every node, and commands
 * made deliverable on this node are added at once and kept for a while (a reload that read the database
 * just before their commit must not drop them). Above {@link #MAX_TRACKED} vehicles the index gives up and
 * says "maybe" for everyone: the check-in then asks the database, correct and only slower.
 */
@Component
public class OpenCommandIndex {

    static final int MAX_TRACKED = 100_000;
    private static final Duration KEEP_LOCAL = Duration.ofSeconds(30);
    private final DiagnosticCommands commands;
    private final Clock clock;
    private final Map<String, Instant> local = new ConcurrentHashMap<>();
    private volatile Set<String> stored = Set.of();
    private volatile boolean overflow;
    private volatile boolean loaded;

    OpenCommandIndex(DiagnosticCommands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    public boolean mayHaveCommands(String vin) {
        if (!loaded) {
            reload();
        }
        return overflow || stored.contains(vin) || local.containsKey(vin);
    }

    /** Called after a command for the vehicle became deliverable on this node. */
    public void added(String vin) {
        local.put(vin, clock.instant());
    }

    synchronized void reload() {
        Set<String> vins = commands.vehiclesWithDeliverable(MAX_TRACKED);
        overflow = vins.size() > MAX_TRACKED;
        stored = overflow ? Set.of() : vins;
        Instant horizon = clock.instant().minus(KEEP_LOCAL);
        local.values().removeIf(at -> at.isBefore(horizon));
        loaded = true;
    }
}
