package io.pitwall.agent;

import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.DeviceJson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the progress document and the event journal in step. A commit writes the next progress with
 * its events (seqs assigned from the journal) as outbox, then appends them; recovery appends whatever
 * outbox events the journal does not have yet. So a crash between the two writes neither loses an
 * event nor reports one twice.
 */
final class Recorder {

    private final AgentStorage storage;
    private final EventJournal journal;
    private final Clock clock;
    private volatile Progress progress = Progress.initial();

    Recorder(AgentStorage storage, Clock clock) {
        this.storage = storage;
        this.journal = storage.journal();
        this.clock = clock;
    }

    Progress progress() {
        return progress;
    }

    void recover() {
        progress = storage.readProgress()
                .map(bytes -> DeviceJson.read(bytes, Progress.class))
                .orElse(Progress.initial());
        List<DeviceEvent> missing = new ArrayList<>();
        long next = journal.nextSeq();
        for (DeviceEvent event : progress.outbox()) {
            if (event.seq() >= journal.nextSeq()) {
                // A seq above nextSeq means the journal lost its tail; the event never left the vehicle.
                missing.add(event.withSeq(next++));
            }
        }
        journal.appendAll(missing);
    }

    void commit(Progress next, List<Draft> drafts) {
        List<DeviceEvent> events = stamp(drafts);
        Progress committed = next.withOutbox(events);
        storage.writeProgress(DeviceJson.write(committed));
        progress = committed;
        journal.appendAll(events);
    }

    void commit(Progress next, Draft... drafts) {
        commit(next, List.of(drafts));
    }

    /** Events that change no progress (diagnostics, connectivity) go straight to the journal. */
    void emit(List<Draft> drafts) {
        journal.appendAll(stamp(drafts));
    }

    private List<DeviceEvent> stamp(List<Draft> drafts) {
        List<DeviceEvent> events = new ArrayList<>();
        long seq = journal.nextSeq();
        for (Draft draft : drafts) {
            events.add(draft.at(seq++, clock.instant()));
        }
        return events;
    }

    int journalPending() {
        return journal.pendingCount();
    }
}
