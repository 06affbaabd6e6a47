package io.pitwall.server.telemetry;

import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.EventType;
import io.pitwall.server.telemetry.persistence.VehicleEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a vehicle's event batch idempotently and answers how far it is acknowledged. Duplicates (by
 * seq) are ignored, reordered batches are harmless, and the acknowledgement only covers a gap-free prefix,
 * so the vehicle keeps and resends whatever the server has not durably stored.
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

    /** Returns the vehicle's ackedThroughSeq after storing the batch. */
    @Transactional
    public long ingest(String vin, List<DeviceEvent> batch) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        VehicleEvents.Cursor cursor = events.lockCursor(vin, now);
        if (batch.isEmpty()) {
            return cursor.ackedThrough();
        }
        List<DeviceEvent> sorted = new ArrayList<>(batch);
        sorted.sort(Comparator.comparingLong(DeviceEvent::seq));
        Set<Long> stored = events.storedSeqs(vin, sorted.get(0).seq() - 1, sorted.get(sorted.size() - 1).seq());
        List<RecordedEvent> fresh = new ArrayList<>();
        long max = cursor.maxSeq();
        Instant maxOccurredAt = cursor.maxSeqOccurredAt();
        long prior = -1;
        for (DeviceEvent event : sorted) {
            if (event.seq() == prior || stored.contains(event.seq())) {
                continue;
            }
            boolean gap = event.seq() > cursor.ackedThrough() + 1 && event.seq() != prior + 1
                    && !stored.contains(event.seq() - 1);
            boolean future = event.occurredAt().isAfter(now.toInstant().plus(settings.maxClockSkew()));
            boolean outOfOrder = false;
            if (event.seq() > max) {
                outOfOrder = maxOccurredAt != null && event.occurredAt().isBefore(maxOccurredAt);
                max = event.seq();
                // A time flagged as in the future is no reference: every later event would look out of order.
                if (!future) {
                    maxOccurredAt = event.occurredAt();
                }
            }
            fresh.add(new RecordedEvent(vin, event, now.toInstant(), quality(event, future, gap, outOfOrder)));
            prior = event.seq();
        }
        if (fresh.isEmpty()) {
            return cursor.ackedThrough();
        }
        events.insert(fresh);
        // Only a batch that fills the seq right after the acknowledgement can move it.
        boolean fillsNext = fresh.stream().anyMatch(r -> r.event().seq() == cursor.ackedThrough() + 1);
        long acked = fillsNext ? events.contiguousThrough(vin, cursor.ackedThrough()) : cursor.ackedThrough();
        events.updateCursor(vin, acked, max, maxOccurredAt, now);
        publisher.publishEvent(new VehicleEventsRecorded(vin, fresh));
        return acked;
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
