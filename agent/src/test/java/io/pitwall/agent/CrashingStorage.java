package io.pitwall.agent;

import io.pitwall.protocol.device.DeviceEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Storage that "loses power" at its n-th durable write (progress document, journal append or
 * acknowledgement): the write does not happen and a {@link Crash} unwinds the agent.
 */
final class CrashingStorage implements AgentStorage {

    /** The process died; nothing catches an Error on the way out. */
    static final class Crash extends Error {
        Crash(String what) {
            super("crash at " + what);
        }
    }

    private final AgentStorage delegate;
    private final AtomicInteger writes;
    private final int crashAt;

    CrashingStorage(AgentStorage delegate, AtomicInteger writes, int crashAt) {
        this.delegate = delegate;
        this.writes = writes;
        this.crashAt = crashAt;
    }

    private void write(String what) {
        if (writes.incrementAndGet() == crashAt) {
            throw new Crash(what + " (write " + crashAt + ")");
        }
    }

    @Override
    public EventJournal journal() {
        EventJournal journal = delegate.journal();
        return new EventJournal() {
            @Override
            public long nextSeq() {
                return journal.nextSeq();
            }

            @Override
            public void append(DeviceEvent event) {
                write("append " + event.type());
                journal.append(event);
            }

            @Override
            public void appendAll(List<DeviceEvent> events) {
                events.forEach(this::append);
            }

            @Override
            public List<DeviceEvent> pending(int max) {
                return journal.pending(max);
            }

            @Override
            public int pendingCount() {
                return journal.pendingCount();
            }

            @Override
            public void acknowledge(long ackedThroughSeq) {
                write("acknowledge");
                journal.acknowledge(ackedThroughSeq);
            }

            @Override
            public long ackedThroughSeq() {
                return journal.ackedThroughSeq();
            }

            @Override
            public void setAside(List<RefusedEvent> refused) {
                write("set aside");
                journal.setAside(refused);
            }

            @Override
            public List<RefusedEvent> refused() {
                return journal.refused();
            }

            @Override
            public void close() {
                journal.close();
            }
        };
    }

    @Override
    public StagingArea staging() {
        return delegate.staging();
    }

    @Override
    public Optional<byte[]> readProgress() {
        return delegate.readProgress();
    }

    @Override
    public void writeProgress(byte[] document) {
        write("progress");
        delegate.writeProgress(document);
    }

    @Override
    public MetadataStore metadata() {
        return delegate.metadata();
    }
}
