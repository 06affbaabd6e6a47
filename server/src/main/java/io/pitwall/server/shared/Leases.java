package io.pitwall.server.shared;

import io.pitwall.server.shared.persistence.LeaseRows;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Database leases that let exactly one server node drive a piece of background work at a time. A node
 * acquires or renews a lease in a transaction of its own; any node takes it over once it lapsed, with a
 * higher term. Work done under a lease calls {@link #stillHeld} inside the transaction that writes: that
 * locks the lease row until the commit, so a node that lost its lease (paused, partitioned) cannot commit
 * after another took over. Expiry is judged by each node's clock, which must be synchronised (NTP) to
 * well within the lease's time to live.
 * <p>
 * The holder is this node's {@link NodeIdentity}, the same after a restart: a restarted node takes its own
 * unexpired leases back at once, with a higher term that fences whatever its previous run left behind. When
 * the server stops cleanly (after the background tasks stopped, before the web server drains) every lease this
 * process holds is released, so another node takes over at its next round instead of after the time to live,
 * and nothing is acquired any more.
 */
@Component
public class Leases implements SmartLifecycle {

    /** Stops after the background tasks ({@link PeriodicTask}, default phase) and before the web server. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1;

    private static final Logger log = LoggerFactory.getLogger(Leases.class);
    private final LeaseRows rows;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String node;
    /** The term this process holds of each (lease, holder) it acquired, so a renewal keeps the term. */
    private final Map<Held, Long> held = new ConcurrentHashMap<>();

    private final Map<Held, ReentrantLock> claiming = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private volatile boolean running;

    @Autowired
    Leases(LeaseRows rows, PlatformTransactionManager transactionManager, Clock clock, NodeIdentity node) {
        this.rows = rows;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.node = node.name();
    }

    /** A process of its own with a name for this run only (tests run several "processes" in one JVM). */
    Leases(LeaseRows rows, PlatformTransactionManager transactionManager, Clock clock) {
        this(rows, transactionManager, clock, NodeIdentity.ephemeral());
    }

    private record Held(String name, String holder) {}

    /** This node's name as a lease holder ({@link NodeIdentity}). */
    public String node() {
        return node;
    }

    /** Acquires or renews the lease for this node; empty while another node holds it, or once stopped. */
    public Optional<LeaseGrant> acquire(String name, Duration ttl) {
        return acquire(name, node, ttl);
    }

    /**
     * As {@link #acquire(String, Duration)} for a named holder (tests run several "nodes" in one JVM). A holder's
     * first claim in this process raises the term even when the row names it already (its previous run's);
     * later claims renew within the term this process got, unless someone else took the lease meanwhile.
     */
    public Optional<LeaseGrant> acquire(String name, String holder, Duration ttl) {
        if (stopped) {
            return Optional.empty();
        }
        Held key = new Held(name, holder);
        ReentrantLock lock = claiming.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            long known = held.getOrDefault(key, -1L);
            OffsetDateTime now = OffsetDateTime.now(clock);
            Optional<LeaseGrant> grant = transactions.execute(status -> {
                rows.createIfAbsent(name, now);
                return rows.claim(name, holder, known, now, now.plus(ttl));
            });
            if (grant.isEmpty()) {
                held.remove(key);
                return grant;
            }
            held.put(key, grant.get().term());
            if (stopped) {
                // Stopped while claiming: give it back, as the stop did with the others.
                giveBack(key, grant.get().term());
                return Optional.empty();
            }
            return grant;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the grant is still this holder's, locking the lease row until the caller's transaction ends.
     * Call it in the transaction that writes under the lease, before writing.
     */
    public boolean stillHeld(LeaseGrant grant) {
        return rows.lockCurrent(grant.name())
                .filter(current -> grant.holder().equals(current.holder())
                        && current.term() == grant.term()
                        && current.expiresAt().isAfter(OffsetDateTime.now(clock)))
                .isPresent();
    }

    /**
     * Serialises the caller's transaction with every other transaction that locks the same name, on any
     * node, until it ends: a named mutex for short critical sections that must not interleave (e.g. two
     * campaigns assigning vehicles at once). Not a lease: nobody holds it between transactions.
     */
    public void lockUntilCommit(String name) {
        rows.createIfAbsent(name, OffsetDateTime.now(clock));
        rows.lockCurrent(name);
    }

    /** Gives the lease up so another node may take it at once. */
    public void release(LeaseGrant grant) {
        Held key = new Held(grant.name(), grant.holder());
        held.remove(key, grant.term());
        transactions.executeWithoutResult(status -> rows.release(grant, OffsetDateTime.now(clock)));
    }

    /** Releases every lease this process holds; from now on nothing is acquired. */
    public void releaseAll() {
        stopped = true;
        for (Held key : List.copyOf(held.keySet())) {
            ReentrantLock lock = claiming.computeIfAbsent(key, k -> new ReentrantLock());
            lock.lock();
            try {
                Long term = held.get(key);
                if (term != null) {
                    giveBack(key, term);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void giveBack(Held key, long term) {
        held.remove(key);
        try {
            transactions.executeWithoutResult(status ->
                    rows.release(new LeaseGrant(key.name(), key.holder(), term, null), OffsetDateTime.now(clock)));
            log.info("Released lease {} (term {}) held as {}", key.name(), term, key.holder());
        } catch (RuntimeException e) {
            log.warn(
                    "Could not release lease {}; another node takes it over once it lapses: {}",
                    key.name(),
                    e.toString());
        }
    }

    @Override
    public void start() {
        stopped = false;
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        releaseAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
