package io.pitwall.agent.storage;

import static io.pitwall.agent.storage.FileEventJournalTests.appendUpTo;
import static io.pitwall.agent.storage.FileEventJournalTests.seqs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.agent.AgentStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage SPI contract, held by both implementations. */
class AgentStorageTests {

    abstract static class Contract {

        abstract AgentStorage storage();

        @Test
        void journalAcknowledgesAPrefix() {
            var journal = storage().journal();
            appendUpTo(journal, 4);
            journal.acknowledge(2);
            assertThat(seqs(journal)).containsExactly(3L, 4L);
            assertThat(journal.nextSeq()).isEqualTo(5);
        }

        @Test
        void refusedEventsLeaveThePendingOnesAndAreKeptAsideUpToTheLatestHundred() {
            var journal = storage().journal();
            appendUpTo(journal, 4);
            var third = journal.pending(4).get(2);
            journal.setAside(java.util.List.of(new io.pitwall.agent.RefusedEvent(third, "invalid-event", "too long")));
            assertThat(seqs(journal)).containsExactly(1L, 2L, 4L);
            assertThat(journal.refused()).singleElement().satisfies(r -> {
                assertThat(r.event()).isEqualTo(third);
                assertThat(r.code()).isEqualTo("invalid-event");
            });
            journal.acknowledge(4);
            assertThat(journal.pendingCount()).isZero();
            journal.setAside(java.util.List.of(new io.pitwall.agent.RefusedEvent(third, "again", "")));
            assertThat(journal.refused())
                    .as("an event no longer pending is not set aside twice")
                    .hasSize(1);

            appendUpTo(journal, 4 + io.pitwall.agent.EventJournal.REFUSED_KEPT + 5);
            journal.setAside(journal.pending(Integer.MAX_VALUE).stream()
                    .map(e -> new io.pitwall.agent.RefusedEvent(e, "unknown-event-type", ""))
                    .toList());
            assertThat(journal.pendingCount()).isZero();
            assertThat(journal.refused()).hasSize(io.pitwall.agent.EventJournal.REFUSED_KEPT);
            assertThat(journal.refused()
                            .get(journal.refused().size() - 1)
                            .event()
                            .seq())
                    .isEqualTo(4 + io.pitwall.agent.EventJournal.REFUSED_KEPT + 5);
        }

        @Test
        void metadataDocumentsAreReplacedDeletedAndNamedSafely() {
            var metadata = storage().metadata();
            metadata.write("image.root.json", "one".getBytes(StandardCharsets.UTF_8));
            metadata.write("image.root.json", "two".getBytes(StandardCharsets.UTF_8));
            assertThat(metadata.read("image.root.json"))
                    .hasValueSatisfying(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8))
                            .isEqualTo("two"));
            metadata.delete("image.root.json");
            assertThat(metadata.read("image.root.json")).isEmpty();
            assertThatThrownBy(() -> metadata.write("../escape.json", new byte[1]))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> metadata.read("a/b.json")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void stagingAppendsAcrossStreamsAndDeletes() throws IOException {
            var staging = storage().staging();
            String sha = "ab".repeat(32);
            assertThat(staging.size(sha)).isZero();
            try (var out = staging.append(sha)) {
                out.write("hello ".getBytes(StandardCharsets.UTF_8));
            }
            try (var out = staging.append(sha)) {
                out.write("world".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(staging.size(sha)).isEqualTo(11);
            try (var in = staging.open(sha)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("hello world");
            }
            staging.delete(sha);
            assertThat(staging.size(sha)).isZero();
        }

        @Test
        void progressIsReplacedWhole() {
            var storage = storage();
            assertThat(storage.readProgress()).isEmpty();
            storage.writeProgress("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
            storage.writeProgress("{}".getBytes(StandardCharsets.UTF_8));
            assertThat(storage.readProgress())
                    .hasValueSatisfying(b -> assertThat(b).asString().isEqualTo("{}"));
        }
    }

    @Nested
    class InMemory extends Contract {
        private final InMemoryStorage storage = new InMemoryStorage();

        @Override
        AgentStorage storage() {
            return storage;
        }
    }

    @Nested
    class OnFiles extends Contract {
        @TempDir
        Path dir;

        private FileStorage storage;

        @Override
        AgentStorage storage() {
            if (storage == null) {
                storage = FileStorage.open(dir);
            }
            return storage;
        }

        @org.junit.jupiter.api.AfterEach
        void close() {
            if (storage != null) {
                storage.close();
            }
        }

        @Test
        void stagingRefusesNamesThatAreNotDigests() {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> storage().staging().size("../../etc/passwd"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
