package io.pitwall.server.audit.internal;

import io.pitwall.server.audit.AuditRecord;
import io.pitwall.server.audit.ChainHash;
import io.pitwall.server.audit.persistence.AuditRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chains committed audit entries: under the {@code audit_head} lock it moves the oldest entries of the
 * intake into the trail, numbered and hashed in intake order, in one transaction per batch. Because the
 * head lock is held only for that short transaction, and not through every use case's commit, concurrent
 * commits are grouped and a single sealing transaction chains many of them.
 *
 * <p>Threads that just committed entries call {@link #sealCommitted()}; one of them seals while the others
 * wait and then find their entries already chained by its round (a round started after a thread's commit
 * sees that commit). Sealers on several nodes serialise on the head lock.
 */
public final class ChainSealer {

    private static final Logger log = LoggerFactory.getLogger(ChainSealer.class);
    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);
    private final AuditRecords records;
    private final TransactionTemplate transactions;
    private final int batchSize;
    private final ReentrantLock sealing = new ReentrantLock();
    private final AtomicLong roundsStarted = new AtomicLong();
    private final AtomicLong recordsChained = new AtomicLong();
    private volatile long lastCompletedRound;

    /** {@code records} and {@code transactions} must use connections of their own (see AuditConfiguration). */
    public ChainSealer(AuditRecords records, TransactionTemplate transactions, int batchSize) {
        this.records = records;
        this.transactions = transactions;
        this.batchSize = batchSize;
    }

    /**
     * Returns once every entry committed before the call is chained. Never throws: an entry that could not
     * be chained now stays in the intake for the next round, and the change it describes stays committed.
     */
    public void sealCommitted() {
        long ticket = roundsStarted.get();
        try {
            if (!sealing.tryLock(LOCK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Audit chain busy for {}; committed records wait in the intake for the next round", LOCK_WAIT);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            if (lastCompletedRound <= ticket) {
                round();
            }
        } finally {
            sealing.unlock();
        }
    }

    /** Sealing rounds run and records chained by this node so far: their ratio is the batching achieved. */
    public Activity activity() {
        return new Activity(roundsStarted.get(), recordsChained.get());
    }

    /** What this node's sealer has done since it started. */
    public record Activity(long rounds, long records) {
    }

    /** Chains whatever waits in the intake (the periodic sweep after crashes and failed rounds). */
    public void sweep() {
        if (records.pendingCount() > 0) {
            sealCommitted();
        }
    }

    private void round() {
        long round = roundsStarted.incrementAndGet();
        try {
            Integer sealed;
            do {
                sealed = transactions.execute(status -> sealBatch());
                recordsChained.addAndGet(sealed == null ? 0 : sealed);
            } while (sealed != null && sealed == batchSize);
            lastCompletedRound = round;
        } catch (RuntimeException e) {
            log.warn("Could not chain audit records now; they wait in the intake for the next round", e);
        }
    }

    private int sealBatch() {
        var head = records.lockHead();
        var pending = records.pending(batchSize);
        if (pending.isEmpty()) {
            return 0;
        }
        var hasher = new ChainHash.Hasher();
        List<AuditRecord> chained = new ArrayList<>(pending.size());
        List<Long> ids = new ArrayList<>(pending.size());
        long seq = head.seq();
        String prev = head.hash();
        for (var entry : pending) {
            AuditRecord record = entry.entry().chainedAt(++seq, prev, hasher);
            chained.add(record);
            ids.add(entry.id());
            prev = record.hash();
        }
        records.append(chained);
        records.dequeue(ids);
        return pending.size();
    }
}
