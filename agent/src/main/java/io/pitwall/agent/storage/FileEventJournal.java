package io.pitwall.agent.storage;

import io.pitwall.agent.EventJournal;
import io.pitwall.agent.RefusedEvent;
import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.DeviceJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * An append-only journal file of length+CRC framed records: {@code [int length][int crc32][kind][payload]},
 * kinds {@code E} (event JSON), {@code A} (acknowledged-through seq), {@code R} (an event the server refused,
 * with its verdict, as JSON: no longer pending) and {@code B} (seq floor written by compaction). Each append is forced to disk before it returns. On open, the first record that is cut
 * short or fails its CRC ends the file — a torn write of a record whose append never returned — and the
 * file is truncated there. Acknowledged prefixes are compacted by writing a new file and renaming it over
 * the old one, so a crash leaves either file, both complete; compaction keeps the latest
 * {@value EventJournal#REFUSED_KEPT} refused events.
 */
public final class FileEventJournal implements EventJournal {

    private final Path file;
    private final int compactAfter;
    private final Deque<DeviceEvent> pending = new ArrayDeque<>();
    private final Deque<RefusedEvent> refused = new ArrayDeque<>();
    private FileChannel channel;
    private long nextSeq = 1;
    private long acked;
    private int deadRecords;

    private FileEventJournal(Path file, int compactAfter) {
        this.file = file;
        this.compactAfter = compactAfter;
    }

    /** Opens (or creates) the journal; compacts once {@code compactAfter} acknowledged records have piled up. */
    public static FileEventJournal open(Path file, int compactAfter) {
        var journal = new FileEventJournal(file, Math.max(1, compactAfter));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(compactionFile(file));
            journal.recover();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open event journal " + file, e);
        }
        return journal;
    }

    private void recover() throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.exists(file) ? Files.readAllBytes(file) : new byte[0]);
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long goodEnd = 0;
        for (JournalRecord record = JournalRecord.next(all); record != null; record = JournalRecord.next(all)) {
            apply(record);
            goodEnd = all.position();
        }
        if (goodEnd < channel.size()) {
            channel.truncate(goodEnd);
            channel.force(true);
        }
        channel.position(goodEnd);
        if (deadRecords >= compactAfter) {
            compact();
        }
    }

    private void apply(JournalRecord record) {
        switch (record.kind()) {
            case JournalRecord.EVENT -> {
                DeviceEvent event = DeviceJson.read(record.payload(), DeviceEvent.class);
                if (event.seq() < nextSeq) {
                    deadRecords++;
                    return;
                }
                nextSeq = event.seq() + 1;
                if (event.seq() > acked) {
                    pending.addLast(event);
                } else {
                    deadRecords++;
                }
            }
            case JournalRecord.ACK -> forget(record.longPayload());
            case JournalRecord.REFUSED -> keepAside(DeviceJson.read(record.payload(), RefusedEvent.class));
            case JournalRecord.BASE -> nextSeq = Math.max(nextSeq, record.longPayload());
            default -> throw new IllegalStateException("unknown journal record kind " + record.kind());
        }
    }

    @Override
    public long nextSeq() {
        return nextSeq;
    }

    @Override
    public void append(DeviceEvent event) {
        appendAll(List.of(event));
    }

    /** One write and one fsync for the whole list. */
    @Override
    public void appendAll(List<DeviceEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<ByteBuffer> records = new ArrayList<>();
        long seq = nextSeq;
        for (DeviceEvent event : events) {
            if (event.seq() != seq++) {
                throw new IllegalArgumentException("expected seq " + (seq - 1) + ", got " + event.seq());
            }
            records.add(JournalRecord.event(DeviceJson.write(event)));
        }
        write(records.toArray(ByteBuffer[]::new));
        events.forEach(pending::addLast);
        nextSeq = seq;
    }

    @Override
    public List<DeviceEvent> pending(int max) {
        return pending.stream().limit(max).toList();
    }

    @Override
    public int pendingCount() {
        return pending.size();
    }

    @Override
    public void acknowledge(long ackedThroughSeq) {
        long through = Math.min(ackedThroughSeq, nextSeq - 1);
        if (through <= acked) {
            return;
        }
        write(JournalRecord.ofLong(JournalRecord.ACK, through));
        forget(through);
        if (deadRecords >= compactAfter) {
            try {
                compact();
            } catch (IOException e) {
                throw new UncheckedIOException("event journal compaction failed", e);
            }
        }
    }

    @Override
    public void setAside(List<RefusedEvent> events) {
        List<RefusedEvent> pendingOnes = events.stream()
                .filter(r -> pending.stream().anyMatch(e -> e.seq() == r.event().seq()))
                .toList();
        if (pendingOnes.isEmpty()) {
            return;
        }
        write(pendingOnes.stream()
                .map(r -> JournalRecord.refused(DeviceJson.write(r)))
                .toArray(ByteBuffer[]::new));
        pendingOnes.forEach(this::keepAside);
    }

    private void keepAside(RefusedEvent event) {
        if (pending.removeIf(e -> e.seq() == event.event().seq())) {
            deadRecords++;
        }
        refused.addLast(event);
        while (refused.size() > REFUSED_KEPT) {
            refused.removeFirst();
            deadRecords++;
        }
    }

    @Override
    public List<RefusedEvent> refused() {
        return List.copyOf(refused);
    }

    private void forget(long through) {
        acked = Math.max(acked, through);
        while (!pending.isEmpty() && pending.peekFirst().seq() <= acked) {
            pending.removeFirst();
            deadRecords++;
        }
    }

    @Override
    public long ackedThroughSeq() {
        return acked;
    }

    private void write(ByteBuffer... records) {
        try {
            for (ByteBuffer record : records) {
                while (record.hasRemaining()) {
                    channel.write(record);
                }
            }
            // fdatasync: flushes the bytes and the file length needed to read them back.
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to event journal " + file, e);
        }
    }

    private void compact() throws IOException {
        Path next = compactionFile(file);
        try (FileChannel out = FileChannel.open(
                next, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            List<ByteBuffer> records = new ArrayList<>();
            records.add(JournalRecord.ofLong(JournalRecord.ACK, acked));
            refused.forEach(event -> records.add(JournalRecord.refused(DeviceJson.write(event))));
            pending.forEach(event -> records.add(JournalRecord.event(DeviceJson.write(event))));
            // Last, so that replaying the events above does not mistake them for duplicates.
            records.add(JournalRecord.ofLong(JournalRecord.BASE, nextSeq));
            for (ByteBuffer record : records) {
                while (record.hasRemaining()) {
                    out.write(record);
                }
            }
            out.force(true);
        }
        channel.close();
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Durable.forceDirectory(file.toAbsolutePath().getParent());
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        channel.position(channel.size());
        deadRecords = 0;
    }

    /** Size of the journal file in bytes, for tests and monitoring. */
    public long fileSize() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path compactionFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".compact");
    }
}
