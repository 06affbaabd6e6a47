package io.pitwall.server.audit;

import io.pitwall.server.audit.persistence.AuditRecords;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Walks the audit trail in order and reports the first record that was altered (its hash does not
 * match its content), deleted (a gap in the sequence or a tail shorter than the head says) or
 * reordered (its predecessor hash does not match). Plain Java so the CLI can run it against a database.
 *
 * <p>The links (sequence and predecessor hash) are checked in stream order; each record's own hash
 * depends only on its stored content, so on a machine with cores to spare (four or more: the reading
 * thread and the database need theirs) those are recomputed in batches on other cores while the
 * database sends the next rows. With fewer cores the handing over costs more than it saves.
 */
public class AuditChainVerifier {

    private static final int BATCH = 2_048;
    private static final int MAX_BATCHES_IN_FLIGHT = 8;
    private final AuditRecords records;
    private final int hashWorkers;

    public AuditChainVerifier(AuditRecords records) {
        this(records, Math.min(4, Runtime.getRuntime().availableProcessors() - 2));
    }

    /** {@code hashWorkers < 1}: every hash is checked on the reading thread. */
    AuditChainVerifier(AuditRecords records, int hashWorkers) {
        this.records = records;
        this.hashWorkers = hashWorkers;
    }

    public ChainReport verify() {
        ExecutorService pool = hashWorkers < 1
                ? null
                : Executors.newFixedThreadPool(hashWorkers, runnable -> {
                    Thread thread = new Thread(runnable, "audit-verifier");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            var walk = new Walk(pool);
            records.streamAll(walk::accept);
            walk.finish();
            return verdict(walk);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private ChainReport verdict(Walk walk) {
        long pending = records.pendingCount();
        if (walk.alteredSeq != null) {
            long seq = walk.alteredSeq;
            return ChainReport.broken(
                    seq, seq, "record " + seq + " was altered (its content does not match its hash)", pending);
        }
        if (walk.problem != null) {
            return ChainReport.broken(walk.checked, walk.badSeq, walk.problem, pending);
        }
        var head = records.head();
        if (head.seq() != walk.lastSeq) {
            return ChainReport.broken(
                    walk.checked,
                    walk.lastSeq + 1,
                    "records " + (walk.lastSeq + 1) + " to " + head.seq() + " were deleted (the chain head is at "
                            + head.seq() + ")",
                    pending);
        }
        if (!head.hash().equals(walk.lastHash)) {
            return ChainReport.broken(
                    walk.checked, walk.lastSeq, "record " + walk.lastSeq + " does not match the chain head", pending);
        }
        return ChainReport.intact(walk.checked, pending);
    }

    private static final class Walk {
        private static final ThreadLocal<ChainHash.Hasher> HASHERS = ThreadLocal.withInitial(ChainHash.Hasher::new);
        private final ExecutorService pool;
        private final ArrayDeque<Future<Long>> inFlight = new ArrayDeque<>();
        private List<AuditRecord> batch = new ArrayList<>(BATCH);
        long checked;
        long lastSeq;
        String lastHash = ChainHash.GENESIS;
        Long badSeq;
        String problem;
        /** The first record whose content does not match its hash; links after it no longer matter. */
        Long alteredSeq;

        /** {@code null}: hashes are checked on the reading thread. */
        Walk(ExecutorService pool) {
            this.pool = pool;
        }

        void accept(AuditRecord record) {
            if (problem != null || alteredSeq != null) {
                return;
            }
            checked++;
            long expected = lastSeq + 1;
            if (record.seq() != expected) {
                fail(expected, "record " + expected + " is missing (deleted)");
                return;
            }
            if (!record.prevHash().equals(lastHash)) {
                fail(
                        record.seq(),
                        "record " + record.seq()
                                + " does not follow its predecessor (a record was altered, deleted or reordered)");
                return;
            }
            lastSeq = record.seq();
            lastHash = record.hash();
            batch.add(record);
            if (batch.size() == BATCH) {
                dispatch();
            }
        }

        /** Waits for the outstanding hash checks; an altered record before a broken link is reported first. */
        void finish() {
            dispatch();
            while (!inFlight.isEmpty() && alteredSeq == null) {
                collectOldest();
            }
        }

        private void dispatch() {
            if (batch.isEmpty()) {
                return;
            }
            List<AuditRecord> toCheck = batch;
            batch = new ArrayList<>(BATCH);
            if (pool == null) {
                alteredSeq = firstAltered(toCheck);
                return;
            }
            inFlight.add(pool.submit(() -> firstAltered(toCheck)));
            while (inFlight.size() > MAX_BATCHES_IN_FLIGHT && alteredSeq == null) {
                collectOldest();
            }
        }

        private void collectOldest() {
            try {
                Long altered = inFlight.poll().get();
                if (altered != null) {
                    alteredSeq = altered;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("audit verification interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("audit verification failed", e.getCause());
            }
        }

        private static Long firstAltered(List<AuditRecord> records) {
            ChainHash.Hasher hasher = HASHERS.get();
            for (AuditRecord record : records) {
                if (!hasher.matches(record)) {
                    return record.seq();
                }
            }
            return null;
        }

        private void fail(long seq, String what) {
            badSeq = seq;
            problem = what;
        }
    }
}
