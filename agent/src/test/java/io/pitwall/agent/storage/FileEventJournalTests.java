package io.pitwall.agent.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.pitwall.agent.RefusedEvent;
import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEventJournalTests {

    @TempDir
    Path dir;

    @Test
    void appendedEventsSurviveAReopenInOrder() {
        Path file = dir.resolve("j");
        try (var journal = FileEventJournal.open(file, 100)) {
            appendUpTo(journal, 3);
        }
        try (var journal = FileEventJournal.open(file, 100)) {
            assertThat(seqs(journal)).containsExactly(1L, 2L, 3L);
            assertThat(journal.pending(2)).extracting(DeviceEvent::detail).containsExactly("e1", "e2");
            assertThat(journal.nextSeq()).isEqualTo(4);
        }
    }

    @Test
    void aTornLastEventAtAnyByteLosesNothingAppendedBeforeAndNeverDuplicatesASeq() throws IOException {
        Path file = dir.resolve("j");
        long before;
        try (var journal = FileEventJournal.open(file, 100)) {
            appendUpTo(journal, 5);
            journal.acknowledge(2);
            before = journal.fileSize();
            journal.append(event(6));
        }
        byte[] full = Files.readAllBytes(file);
        for (int cut = (int) before; cut <= full.length; cut++) {
            Path copy = dir.resolve("cut-" + cut);
            Files.write(copy, Arrays.copyOf(full, cut));
            boolean complete = cut == full.length;
            try (var journal = FileEventJournal.open(copy, 100)) {
                assertThat(seqs(journal))
                        .as("cut at %d", cut)
                        .isEqualTo(complete ? List.of(3L, 4L, 5L, 6L) : List.of(3L, 4L, 5L));
                assertThat(journal.ackedThroughSeq()).isEqualTo(2);
                journal.append(event(journal.nextSeq()));
            }
            try (var journal = FileEventJournal.open(copy, 100)) {
                List<Long> seqs = seqs(journal);
                assertThat(seqs)
                        .as("cut at %d, after appending again", cut)
                        .doesNotHaveDuplicates()
                        .isSorted()
                        .containsSequence(3L, 4L, 5L)
                        .hasSize(complete ? 5 : 4);
                assertThat(journal.nextSeq()).isEqualTo(seqs.get(seqs.size() - 1) + 1);
            }
        }
    }

    @Test
    void aBatchCutAnywhereLeavesAGapFreePrefix() throws IOException {
        Path file = dir.resolve("j");
        long before;
        try (var journal = FileEventJournal.open(file, 100)) {
            appendUpTo(journal, 2);
            before = journal.fileSize();
            journal.appendAll(List.of(event(3), event(4), event(5)));
        }
        byte[] full = Files.readAllBytes(file);
        for (int cut = (int) before; cut <= full.length; cut++) {
            Path copy = dir.resolve("cut-" + cut);
            Files.write(copy, Arrays.copyOf(full, cut));
            try (var journal = FileEventJournal.open(copy, 100)) {
                List<Long> seqs = seqs(journal);
                assertThat(seqs)
                        .as("cut at %d", cut)
                        .startsWith(1L, 2L)
                        .isEqualTo(
                                LongStream.rangeClosed(1, seqs.size()).boxed().toList());
                assertThat(journal.nextSeq()).isEqualTo(seqs.size() + 1);
            }
        }
    }

    @Test
    void aTornAcknowledgementOnlyMeansResendingNeverLosing() throws IOException {
        Path file = dir.resolve("j");
        long before;
        try (var journal = FileEventJournal.open(file, 100)) {
            appendUpTo(journal, 5);
            before = journal.fileSize();
            journal.acknowledge(4);
        }
        byte[] full = Files.readAllBytes(file);
        for (int cut = (int) before; cut <= full.length; cut++) {
            Path copy = dir.resolve("cut-" + cut);
            Files.write(copy, Arrays.copyOf(full, cut));
            try (var journal = FileEventJournal.open(copy, 100)) {
                assertThat(seqs(journal))
                        .as("cut at %d", cut)
                        .isEqualTo(cut == full.length ? List.of(5L) : List.of(1L, 2L, 3L, 4L, 5L));
                assertThat(journal.nextSeq()).isEqualTo(6);
            }
        }
    }

    @Test
    void aFlippedByteInTheLastRecordIsTreatedAsTorn() throws IOException {
        Path file = dir.resolve("j");
        try (var journal = FileEventJournal.open(file, 100)) {
            appendUpTo(journal, 3);
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x20;
        Files.write(file, bytes);
        try (var journal = FileEventJournal.open(file, 100)) {
            assertThat(seqs(journal)).containsExactly(1L, 2L);
            assertThat(journal.fileSize()).isLessThan(bytes.length);
        }
    }

    @Test
    void compactionDropsAcknowledgedEventsAndKeepsTheRest() {
        Path file = dir.resolve("j");
        long uncompacted;
        try (var journal = FileEventJournal.open(file, 3)) {
            appendUpTo(journal, 6);
            uncompacted = journal.fileSize();
            journal.acknowledge(4);
            assertThat(journal.fileSize()).isLessThan(uncompacted);
            journal.append(event(7));
        }
        try (var journal = FileEventJournal.open(file, 3)) {
            assertThat(seqs(journal)).containsExactly(5L, 6L, 7L);
            assertThat(journal.ackedThroughSeq()).isEqualTo(4);
        }
    }

    @Test
    void refusedEventsStayAsideAcrossReopensAndCompactionsAndAreNeverPendingAgain() {
        Path file = dir.resolve("j");
        try (var journal = FileEventJournal.open(file, 3)) {
            appendUpTo(journal, 5);
            journal.setAside(List.of(
                    new RefusedEvent(event(2), "invalid-event", "detail is at most 2000 characters"),
                    new RefusedEvent(event(4), "unknown-event-type", "type is not known")));
        }
        try (var journal = FileEventJournal.open(file, 3)) {
            assertThat(seqs(journal)).containsExactly(1L, 3L, 5L);
            assertThat(journal.refused())
                    .extracting(r -> r.event().seq(), RefusedEvent::code)
                    .containsExactly(tuple(2L, "invalid-event"), tuple(4L, "unknown-event-type"));
            journal.acknowledge(5);
            appendUpTo(journal, 9);
            journal.acknowledge(9);
        }
        try (var journal = FileEventJournal.open(file, 3)) {
            assertThat(journal.pendingCount()).isZero();
            assertThat(journal.refused())
                    .as("kept through compaction")
                    .extracting(r -> r.event().seq())
                    .containsExactly(2L, 4L);
            assertThat(journal.refused().get(0).event()).isEqualTo(event(2));
            assertThat(journal.nextSeq()).isEqualTo(10);
        }
    }

    @Test
    void aTornRefusalOnlyMeansSendingTheEventOnceMore() throws IOException {
        Path file = dir.resolve("j");
        long before;
        try (var journal = FileEventJournal.open(file, 100)) {
            appendUpTo(journal, 3);
            before = journal.fileSize();
            journal.setAside(List.of(new RefusedEvent(event(2), "invalid-event", "")));
        }
        byte[] full = Files.readAllBytes(file);
        for (int cut = (int) before; cut <= full.length; cut++) {
            Path copy = dir.resolve("cut-" + cut);
            Files.write(copy, Arrays.copyOf(full, cut));
            boolean complete = cut == full.length;
            try (var journal = FileEventJournal.open(copy, 100)) {
                assertThat(seqs(journal))
                        .as("cut at %d", cut)
                        .isEqualTo(complete ? List.of(1L, 3L) : List.of(1L, 2L, 3L));
                assertThat(journal.refused()).hasSize(complete ? 1 : 0);
            }
        }
    }

    @Test
    void seqsAreNeverReusedAfterEverythingWasAcknowledgedAndCompacted() {
        Path file = dir.resolve("j");
        try (var journal = FileEventJournal.open(file, 2)) {
            appendUpTo(journal, 10);
            journal.acknowledge(10);
            assertThat(journal.pendingCount()).isZero();
        }
        try (var journal = FileEventJournal.open(file, 2)) {
            assertThat(journal.nextSeq()).isEqualTo(11);
            assertThat(journal.pending(10)).isEmpty();
        }
    }

    @Test
    void aLeftoverCompactionFileFromACrashIsIgnored() throws IOException {
        Path file = dir.resolve("j");
        try (var journal = FileEventJournal.open(file, 100)) {
            appendUpTo(journal, 2);
        }
        Files.write(dir.resolve("j.compact"), new byte[] {1, 2, 3});
        try (var journal = FileEventJournal.open(file, 100)) {
            assertThat(seqs(journal)).containsExactly(1L, 2L);
        }
        assertThat(dir.resolve("j.compact")).doesNotExist();
    }

    @Test
    void refusesAGapOrAReusedSeqAndClampsAcknowledgementsToWhatWasAppended() {
        try (var journal = FileEventJournal.open(dir.resolve("j"), 100)) {
            appendUpTo(journal, 2);
            assertThatThrownBy(() -> journal.append(event(2))).hasMessageContaining("expected seq 3");
            assertThatThrownBy(() -> journal.append(event(4))).hasMessageContaining("expected seq 3");
            journal.acknowledge(99);
            assertThat(journal.ackedThroughSeq()).isEqualTo(2);
            journal.acknowledge(1);
            assertThat(journal.ackedThroughSeq()).isEqualTo(2);
        }
    }

    static void appendUpTo(io.pitwall.agent.EventJournal journal, long last) {
        LongStream.rangeClosed(journal.nextSeq(), last).forEach(seq -> journal.append(event(seq)));
    }

    static DeviceEvent event(long seq) {
        return new DeviceEvent(
                seq,
                EventType.MODULE_HEALTH,
                Instant.parse("2030-01-01T00:00:00Z").plusSeconds(seq),
                null,
                "ECU-1",
                null,
                "e" + seq,
                null,
                null);
    }

    static List<Long> seqs(io.pitwall.agent.EventJournal journal) {
        return journal.pending(Integer.MAX_VALUE).stream().map(DeviceEvent::seq).toList();
    }
}
