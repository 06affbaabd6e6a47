package io.pitwall.server.inventory.internal;

import io.pitwall.server.inventory.Ecu;
import io.pitwall.server.inventory.ImportLine;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lands an import's chunks on up to {@code writers} database connections at once, in input order as far
 * as anyone can observe: {@link ChunkTurn} lets a chunk write beside its predecessor only when their
 * outcome does not depend on the order, and results are tallied strictly in chunk order. On PostgreSQL
 * the second connection lets the database use a second core while the first chunk's rows are indexed.
 * {@link #close()} waits for every chunk in flight and tallies those that landed, so what an interrupted
 * or failed import reports as landed is exactly what committed.
 */
public final class ImportPipeline implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ChunkWriter writer;
    private final ImportTally tally;
    private final int writers;
    private final ExecutorService executor;
    private final Deque<Future<ChunkPlan>> inFlight = new ArrayDeque<>();
    private ChunkTurn lastTurn;
    private Set<String> lastKeys = Set.of();

    public ImportPipeline(ChunkWriter writer, ImportTally tally, int writers) {
        this.writer = writer;
        this.tally = tally;
        this.writers = writers;
        this.executor = Executors.newFixedThreadPool(writers, task -> {
            var thread = new Thread(task, "vehicle-import-writer-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Hands the chunk (which the pipeline now owns) to a writer, first waiting for a free one. */
    public void submit(List<ImportLine.Parsed> chunk) {
        while (inFlight.size() >= writers) {
            tallyOldest();
        }
        Set<String> keys = keysOf(chunk);
        ChunkTurn turn = lastTurn == null ? ChunkTurn.first() : lastTurn.next(overlap(keys, lastKeys));
        lastTurn = turn;
        lastKeys = keys;
        inFlight.add(executor.submit(() -> writer.land(chunk, turn)));
    }

    /** Waits for every chunk in flight; the first failure is thrown after all of them ended. */
    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            while (!inFlight.isEmpty()) {
                try {
                    tallyOldest();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        } finally {
            executor.shutdown();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void tallyOldest() {
        Future<ChunkPlan> oldest = inFlight.removeFirst();
        try {
            tally.landed(oldest.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while importing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The chunk's ECU serials: chunks never share a VIN, since an import rejects a VIN's repetitions. */
    private static Set<String> keysOf(List<ImportLine.Parsed> chunk) {
        Set<String> keys = new HashSet<>(chunk.size() * 8);
        for (ImportLine.Parsed line : chunk) {
            for (Ecu ecu : line.vehicle().ecus()) {
                keys.add(ecu.serial());
            }
        }
        return keys;
    }

    private static boolean overlap(Set<String> a, Set<String> b) {
        Set<String> smaller = a.size() <= b.size() ? a : b;
        Set<String> larger = smaller == a ? b : a;
        for (String key : smaller) {
            if (larger.contains(key)) {
                return true;
            }
        }
        return false;
    }
}
