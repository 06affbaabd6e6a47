package io.pitwall.agent.storage;

import io.pitwall.agent.AgentStorage;
import io.pitwall.agent.EventJournal;
import io.pitwall.agent.MetadataStore;
import io.pitwall.agent.RefusedEvent;
import io.pitwall.agent.StagingArea;
import io.pitwall.protocol.device.DeviceEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Storage in the heap, for simulations and tests. "Restarting" an agent on the same instance models a
 * process restart with an intact disk.
 */
public final class InMemoryStorage implements AgentStorage {

    private final Journal journal = new Journal();
    private final Staging staging = new Staging();
    private final Metadata metadata = new Metadata();
    private volatile byte[] progress;

    @Override
    public EventJournal journal() {
        return journal;
    }

    @Override
    public StagingArea staging() {
        return staging;
    }

    @Override
    public Optional<byte[]> readProgress() {
        return Optional.ofNullable(progress).map(byte[]::clone);
    }

    @Override
    public void writeProgress(byte[] document) {
        progress = document.clone();
    }

    @Override
    public MetadataStore metadata() {
        return metadata;
    }

    private static final class Metadata implements MetadataStore {

        private final Map<String, byte[]> documents = new ConcurrentHashMap<>();

        @Override
        public Optional<byte[]> read(String name) {
            return Optional.ofNullable(documents.get(checked(name))).map(byte[]::clone);
        }

        @Override
        public void write(String name, byte[] document) {
            documents.put(checked(name), document.clone());
        }

        @Override
        public void delete(String name) {
            documents.remove(checked(name));
        }

        private static String checked(String name) {
            if (!MetadataStore.validName(name)) {
                throw new IllegalArgumentException("not a metadata document name: " + name);
            }
            return name;
        }
    }

    private static final class Journal implements EventJournal {

        private final Deque<DeviceEvent> pending = new ArrayDeque<>();
        private final Deque<RefusedEvent> refused = new ArrayDeque<>();
        private long nextSeq = 1;
        private long acked;

        @Override
        public synchronized long nextSeq() {
            return nextSeq;
        }

        @Override
        public synchronized void append(DeviceEvent event) {
            if (event.seq() != nextSeq) {
                throw new IllegalArgumentException("expected seq " + nextSeq + ", got " + event.seq());
            }
            pending.addLast(event);
            nextSeq++;
        }

        @Override
        public synchronized List<DeviceEvent> pending(int max) {
            return pending.stream().limit(max).toList();
        }

        @Override
        public synchronized int pendingCount() {
            return pending.size();
        }

        @Override
        public synchronized void acknowledge(long ackedThroughSeq) {
            acked = Math.max(acked, Math.min(ackedThroughSeq, nextSeq - 1));
            while (!pending.isEmpty() && pending.peekFirst().seq() <= acked) {
                pending.removeFirst();
            }
        }

        @Override
        public synchronized long ackedThroughSeq() {
            return acked;
        }

        @Override
        public synchronized void setAside(List<RefusedEvent> events) {
            for (RefusedEvent event : events) {
                if (pending.removeIf(e -> e.seq() == event.event().seq())) {
                    refused.addLast(event);
                }
            }
            while (refused.size() > REFUSED_KEPT) {
                refused.removeFirst();
            }
        }

        @Override
        public synchronized List<RefusedEvent> refused() {
            return List.copyOf(refused);
        }

        @Override
        public void close() {}
    }

    private static final class Staging implements StagingArea {

        private final Map<String, ByteArrayOutputStream> blobs = new ConcurrentHashMap<>();

        @Override
        public long size(String sha256) {
            ByteArrayOutputStream blob = blobs.get(sha256);
            return blob == null ? 0 : blob.size();
        }

        @Override
        public OutputStream append(String sha256) {
            ByteArrayOutputStream blob = blobs.computeIfAbsent(sha256, k -> new ByteArrayOutputStream());
            return new OutputStream() {
                @Override
                public void write(int b) {
                    blob.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    blob.write(b, off, len);
                }
            };
        }

        @Override
        public InputStream open(String sha256) throws IOException {
            ByteArrayOutputStream blob = blobs.get(sha256);
            if (blob == null) {
                throw new IOException("nothing staged for " + sha256);
            }
            return new ByteArrayInputStream(blob.toByteArray());
        }

        @Override
        public void delete(String sha256) {
            blobs.remove(sha256);
        }
    }
}
