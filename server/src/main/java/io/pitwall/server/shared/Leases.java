package io.pitwall.server.shared;

import io.pitwall.server.shared.persistence.LeaseRows;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
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
 */
@Component
public class Leases {

    private final LeaseRows rows;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String node;

    Leases(LeaseRows rows, PlatformTransactionManager transactionManager, Clock clock) {
        this.rows = rows;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This node's name as a lease holder (process id, host and a random suffix). */
    public String node() {
        return node;
    }

    /** Acquires or renews the lease for this node; empty while another node holds it. */
    public Optional<LeaseGrant> acquire(String name, Duration ttl) {
        return acquire(name, node, ttl);
    }

    /** As {@link #acquire(String, Duration)} for a named holder (tests run several "nodes" in one JVM). */
    public Optional<LeaseGrant> acquire(String name, String holder, Duration ttl) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return transactions.execute(status -> {
            rows.createIfAbsent(name, now);
            return rows.claim(name, holder, now, now.plus(ttl));
        });
    }

    /**
     * Whether the grant is still this holder's, locking the lease row until the caller's transaction ends.
     * Call it in the transaction that writes under the lease, before writing.
     */
    public boolean stillHeld(LeaseGrant grant) {
        return rows.lockCurrent(grant.name())
                .filter(current -> grant.holder().equals(current.holder()) && current.term() == grant.term()
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

    /** Gives the lease up so another node may take it at once (on shutdown). */
    public void release(LeaseGrant grant) {
        transactions.executeWithoutResult(status -> rows.release(grant, OffsetDateTime.now(clock)));
    }
}
