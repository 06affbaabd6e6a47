package io.pitwall.server.telemetry;

import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.EventRefusal;
import io.pitwall.protocol.device.EventType;
import io.pitwall.server.telemetry.persistence.VehicleEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a vehicle's event batch idempotently and answers how far it is acknowledged. Duplicates (by
 * seq) are ignored, reordered batches are harmless, and the acknowledgement only covers a gap-free prefix,
 * so the vehicle keeps and resends whatever the server has not durably stored. Events the caller refused
 * (a type this server does not know, a field it cannot store) are recorded by seq with their verdict: they
 * fill their place in the acknowledgement, so they never hold back the events after them, and a refused
 * event sent again gets the same verdict. Once the seqs missing before stored events arrive, those events
 * lose their {@link DataQuality#SEQUENCE_GAP} flag.
 */
@Service
public class EventIngestion {

    private final VehicleEvents events;
    private final TelemetrySettings settings;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    EventIngestion(VehicleEvents events, TelemetrySettings settings, ApplicationEventPublisher publisher, Clock clock) {
        this.events = events;
        this.settings = settings;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Stores {@code batch} and records {@code refusals} (no seq twice among them).
     *
     * @return the vehicle's acknowledgement after this batch, with the verdicts on its refused seqs
     */
    @Transactional
    public Acknowledgement ingest(String vin, List<DeviceEvent> batch, List<EventRefusal> refusals) {
        TreeMap<Long, DeviceEvent> sent = new TreeMap<>();
        TreeMap<Long, EventRefusal> refused = new TreeMap<>();
        batch.forEach(event -> sent.put(event.seq(), event));
        refusals.forEach(refusal -> refused.put(refusal.seq(), refusal));
        TreeSet<Long> seqs = new TreeSet<>(sent.keySet());
        seqs.addAll(refused.keySet());
        if (seqs.size() != batch.size() + refusals.size()) {
            throw new IllegalArgumentException("a seq appears twice in the batch of " + vin);
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        VehicleEvents.Cursor cursor = events.lockCursor(vin, now);
        if (seqs.isEmpty()) {
            return new Acknowledgement(cursor.ackedThrough(), List.of());
        }
        VehicleEvents.Known known = events.known(vin, seqs.first() - 1, seqs.last());
        List<RecordedEvent> fresh = new ArrayList<>();
        List<EventRefusal> freshRefusals = new ArrayList<>();
        List<EventRefusal> verdicts = new ArrayList<>();
        long max = cursor.maxSeq();
        Instant maxOccurredAt = cursor.maxSeqOccurredAt();
        long prior = -1;
        for (long seq : seqs) {
            if (known.contains(seq)) {
                EventRefusal earlier = known.refused().get(seq);
                if (earlier != null) {
                    verdicts.add(earlier);
                }
                continue;
            }
            EventRefusal refusal = refused.get(seq);
            if (refusal != null) {
                freshRefusals.add(refusal);
                verdicts.add(refusal);
                prior = seq;
                continue;
            }
            DeviceEvent event = sent.get(seq);
            boolean gap = seq > cursor.ackedThrough() + 1 && seq != prior + 1 && !known.contains(seq - 1);
            boolean future = event.occurredAt().isAfter(now.toInstant().plus(settings.maxClockSkew()));
            boolean outOfOrder = false;
            if (seq > max) {
                outOfOrder = maxOccurredAt != null && event.occurredAt().isBefore(maxOccurredAt);
                max = seq;
                // A time flagged as in the future is no reference: every later event would look out of order.
                if (!future) {
                    maxOccurredAt = event.occurredAt();
                }
            }
            fresh.add(new RecordedEvent(vin, event, now.toInstant(), quality(event, future, gap, outOfOrder)));
            prior = seq;
        }
        if (fresh.isEmpty() && freshRefusals.isEmpty()) {
            return new Acknowledgement(cursor.ackedThrough(), verdicts);
        }
        if (!fresh.isEmpty()) {
            events.insert(fresh);
        }
        if (!freshRefusals.isEmpty()) {
            events.insertRefusals(vin, freshRefusals, now);
        }
        // Only a batch that fills the seq right after the acknowledgement can move it.
        long next = cursor.ackedThrough() + 1;
        boolean fillsNext = fresh.stream().anyMatch(r -> r.event().seq() == next)
                || freshRefusals.stream().anyMatch(r -> r.seq() == next);
        long acked = fillsNext ? events.contiguousThrough(vin, cursor.ackedThrough()) : cursor.ackedThrough();
        // Events stored above the old acknowledgement may carry a gap flag that no longer holds.
        List<Long> filled = acked > cursor.ackedThrough() && cursor.maxSeq() > cursor.ackedThrough()
                ? events.clearGapFlags(vin, cursor.ackedThrough(), Math.min(acked, cursor.maxSeq()))
                : List.of();
        events.updateCursor(vin, acked, max, maxOccurredAt, now);
        if (!fresh.isEmpty()) {
            publisher.publishEvent(new VehicleEventsRecorded(vin, fresh));
        }
        if (!filled.isEmpty()) {
            publisher.publishEvent(new SequenceGapsFilled(vin, filled));
        }
        return new Acknowledgement(acked, verdicts);
    }

    private static Set<DataQuality> quality(DeviceEvent event, boolean future, boolean gap, boolean outOfOrder) {
        Set<DataQuality> flags = EnumSet.noneOf(DataQuality.class);
        if (event.type() == EventType.UNKNOWN) {
            flags.add(DataQuality.UNKNOWN_TYPE);
        }
        if (future) {
            flags.add(DataQuality.FUTURE_TIMESTAMP);
        }
        if (gap) {
            flags.add(DataQuality.SEQUENCE_GAP);
        }
        if (outOfOrder) {
            flags.add(DataQuality.OUT_OF_ORDER);
        }
        return flags;
    }
}
