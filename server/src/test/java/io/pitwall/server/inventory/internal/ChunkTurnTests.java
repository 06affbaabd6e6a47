package io.pitwall.server.inventory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChunkTurnTests {

    @Test
    void twoInsertOnlyChunksWithoutCommonKeysWriteSideBySide() throws Exception {
        var first = ChunkTurn.first();
        var second = first.next(false);
        first.beforeWrite(true, false);
        // returns although the first chunk has not finished
        CompletableFuture.runAsync(() -> second.beforeWrite(true, false)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aChunkWaitsForItsPredecessorWhenOrderCanMatter() {
        assertWaits(false, true, false, "the predecessor updates vehicles");
        assertWaits(true, false, false, "this chunk updates vehicles");
        assertWaits(true, true, true, "the chunks share a VIN or serial");
    }

    @Test
    void aRetryAlwaysWaitsForThePredecessor() {
        var first = ChunkTurn.first();
        var second = first.next(false);
        first.beforeWrite(true, false);
        var retry = CompletableFuture.runAsync(() -> second.beforeWrite(true, true));
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !retry.isDone());
        first.finish();
        await().atMost(Duration.ofSeconds(5)).until(retry::isDone);
    }

    @Test
    void aPredecessorThatFailedBeforePlanningReleasesItsSuccessor() {
        var first = ChunkTurn.first();
        var second = first.next(false);
        first.finish();
        var waiting = CompletableFuture.runAsync(() -> second.beforeWrite(true, false));
        await().atMost(Duration.ofSeconds(5)).until(waiting::isDone);
        assertThat(waiting).isNotCompletedExceptionally();
    }

    private static void assertWaits(boolean previousInsertsOnly, boolean insertsOnly, boolean overlaps, String why) {
        var first = ChunkTurn.first();
        var second = first.next(overlaps);
        first.beforeWrite(previousInsertsOnly, false);
        var waiting = CompletableFuture.runAsync(() -> second.beforeWrite(insertsOnly, false));
        await(why).during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());
        first.finish();
        await(why).atMost(Duration.ofSeconds(5)).until(waiting::isDone);
    }
}
