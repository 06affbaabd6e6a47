package io.pitwall.server.audit.internal;

import io.pitwall.server.audit.AuditRecord;
import io.pitwall.server.audit.ChainHash;
import io.pitwall.server.audit.persistence.AuditRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * <p>Threads that just committed entries call {@link #sealCommitted()} and wait for the next round to
 * start and finish (a round started after a thread's commit sees that commit). Whoever holds the sealing
 * lock runs rounds back to back while threads wait for one, so sealing never waits for a hand-over, and a
 * finished round wakes all its waiters at once. Sealers on several nodes serialise on the head lock.
 */
public final class ChainSealer {

    private static final Logger log = LoggerFactory.getLogger(ChainSealer.class);
    private static final Duration GIVE_UP = Duration.ofSeconds(10);
    private static final long WAIT_SLICE_MILLIS = 2;
    /** A leader's own caller waits at most this many extra rounds before leaving the rest to the waiters. */
    private static final int ROUNDS_PER_TURN = 16;

    private final AuditRecords records;
    private final TransactionTemplate transactions;
    private final int batchSize;
    private final ReentrantLock sealing = new ReentrantLock();
    private final AtomicReference<Round> next = new AtomicReference<>(new Round());
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong recordsChained = new AtomicLong();

    /** A round not started yet: how many threads wait for it, and whether it has run. */
    private static final class Round {
        final AtomicInteger waiting = new AtomicInteger();
        final CountDownLatch done = new CountDownLatch(1);
    }

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
        Round mine = next.get();
        mine.waiting.incrementAndGet();
        long giveUpAt = System.nanoTime() + GIVE_UP.toNanos();
        try {
            while (mine.done.getCount() > 0) {
                if (sealing.tryLock()) {
                    leadWhileAwaited();
                } else if (System.nanoTime() - giveUpAt > 0) {
                    log.warn(
                            "Audit chain busy for {}; committed records wait in the intake for the next round",
                            GIVE_UP);
                    return;
                } else {
                    mine.done.await(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Holding the lock: runs rounds while threads wait for the next one, then lets go. A thread that
     * started waiting just before the unlock is seen by the check after it; past the turn's bound the
     * waiters take over themselves (they retry the lock every few milliseconds).
     */
    private void leadWhileAwaited() {
        int led = 0;
        do {
            try {
                while (led < ROUNDS_PER_TURN && next.get().waiting.get() > 0) {
                    Round round = next.getAndSet(new Round());
                    led++;
                    try {
                        round();
                    } finally {
                        round.done.countDown();
                    }
                }
            } finally {
                sealing.unlock();
            }
        } while (led < ROUNDS_PER_TURN && next.get().waiting.get() > 0 && sealing.tryLock());
    }

    /** Sealing rounds run and records chained by this node so far: their ratio is the batching achieved. */
    public Activity activity() {
        return new Activity(rounds.get(), recordsChained.get());
    }

    /** What this node's sealer has done since it started. */
    public record Activity(long rounds, long records) {}

    /** Chains whatever waits in the intake (the periodic sweep after crashes and failed rounds). */
    public void sweep() {
        if (records.pendingCount() > 0) {
            sealCommitted();
        }
    }

    /** Chains everything committed before it started, batch by batch; a failure leaves the rest for later. */
    private void round() {
        rounds.incrementAndGet();
        try {
            Integer sealed;
            do {
                sealed = transactions.execute(status -> sealBatch());
                recordsChained.addAndGet(sealed == null ? 0 : sealed);
            } while (sealed != null && sealed == batchSize);
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
