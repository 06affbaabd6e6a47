package io.pitwall.server.inventory.internal;

import java.util.concurrent.CompletableFuture;

/**
 * Decides whether an import chunk may write while the chunk before it is still being written. Two chunks
 * write side by side only when the outcome cannot depend on their order: they name no VIN or ECU serial
 * in common and both only insert new vehicles (an update releases ECU serials that a later line may
 * take, so its chunk goes strictly after its predecessor). Otherwise the chunk waits, before writing
 * anything, until its predecessor has finished. A chunk waits only for the one before it, so waits never
 * form a cycle.
 */
public final class ChunkTurn {

    private final CompletableFuture<Boolean> insertOnly = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private volatile ChunkTurn previous;
    private final boolean overlapsPrevious;

    private ChunkTurn(ChunkTurn previous, boolean overlapsPrevious) {
        this.previous = previous;
        this.overlapsPrevious = overlapsPrevious;
    }

    /** A chunk with nothing before it. */
    public static ChunkTurn first() {
        return new ChunkTurn(null, false);
    }

    /** The turn of the chunk after this one; {@code overlaps} when they name a VIN or serial in common. */
    public ChunkTurn next(boolean overlaps) {
        return new ChunkTurn(this, overlaps);
    }

    /**
     * Called with the chunk's plan, before its first write; returns once the chunk may write. A retry
     * (the plan was made again on fresh state) always waits for the predecessor.
     */
    void beforeWrite(boolean planInsertsOnly, boolean retry) {
        insertOnly.complete(planInsertsOnly);
        ChunkTurn before = previous;
        if (before == null) {
            return;
        }
        boolean alongside = !retry && planInsertsOnly && !overlapsPrevious && before.insertOnly.join();
        if (!alongside) {
            before.finished.join();
        }
    }

    /** The chunk committed, was rejected or failed: whoever waits on it may go on. */
    void finish() {
        insertOnly.complete(false);
        finished.complete(null);
        previous = null;
    }
}
