package io.pitwall.agent;

import io.pitwall.protocol.device.DeviceEvent;
import java.util.List;

/**
 * SPI: the agent's outbox of events. An appended event is durable when {@link #append} returns and stays
 * until the server acknowledges it; sequence numbers are never reused, even after every event was
 * acknowledged and the agent restarted. Not thread-safe: the agent calls it from its loop only. I/O
 * failures surface as {@link java.io.UncheckedIOException}.
 */
public interface EventJournal extends AutoCloseable {

    /** The seq the next event must carry: one above every seq this journal ever held durably. */
    long nextSeq();

    /** Appends an event whose seq is {@link #nextSeq()}, durably. */
    void append(DeviceEvent event);

    /**
     * Appends consecutive events, durably when it returns. A crash in between may keep a prefix of
     * them, never a gap.
     */
    default void appendAll(List<DeviceEvent> events) {
        events.forEach(this::append);
    }

    /** The oldest unacknowledged events, in seq order, at most {@code max}. */
    List<DeviceEvent> pending(int max);

    int pendingCount();

    /** Forgets every event with {@code seq <= ackedThroughSeq} (clamped to what was appended), durably. */
    void acknowledge(long ackedThroughSeq);

    /** How many refused events {@link #refused()} keeps: the latest ones. */
    int REFUSED_KEPT = 100;

    /**
     * Sets aside pending events the server refused for good, durably: they are no longer pending (never sent
     * again, whatever the acknowledgement says) and the latest {@link #REFUSED_KEPT} stay readable through
     * {@link #refused()}, across restarts. Events that are not pending are ignored.
     */
    void setAside(List<RefusedEvent> refused);

    /** The latest events set aside as refused, oldest first. */
    List<RefusedEvent> refused();

    long ackedThroughSeq();

    @Override
    void close();
}
