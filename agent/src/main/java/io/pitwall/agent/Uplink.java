package io.pitwall.agent;

import io.pitwall.protocol.device.CheckinRequest;
import io.pitwall.protocol.device.CheckinResponse;
import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.EventBatch;
import io.pitwall.protocol.device.EventRefusal;
import io.pitwall.protocol.device.EventsAck;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The agent's conversation with the server: check in when the server said to, send journaled events in
 * batches and drop what it acknowledged. Check-ins and event batches back off on timers of their own, so a
 * batch the server keeps refusing never delays a check-in (which is how the vehicle learns of updates and
 * commands), and a failing check-in never holds back events. Events the server refuses for good are set
 * aside in the journal, logged once, and not sent again.
 */
final class Uplink {

    private static final System.Logger LOG = System.getLogger(Uplink.class.getName());
    private static final Duration MIN_POLL = Duration.ofSeconds(1);
    private final Transport transport;
    private final EventJournal journal;
    private final RetryTimer checkinRetry;
    private final RetryTimer eventRetry;
    private Instant nextCheckin;

    Uplink(Transport transport, EventJournal journal, RetryTimer checkinRetry, RetryTimer eventRetry) {
        this.transport = transport;
        this.journal = journal;
        this.checkinRetry = checkinRetry;
        this.eventRetry = eventRetry;
    }

    Optional<CheckinResponse> checkinIfDue(Instant now, Supplier<CheckinRequest> request) {
        if ((nextCheckin != null && now.isBefore(nextCheckin)) || !checkinRetry.ready(now)) {
            return Optional.empty();
        }
        try {
            CheckinResponse response = transport.checkin(request.get());
            checkinRetry.succeeded();
            Duration poll = Duration.ofSeconds(response.pollAfterSeconds());
            nextCheckin = now.plus(poll.compareTo(MIN_POLL) < 0 ? MIN_POLL : poll);
            return Optional.of(response);
        } catch (IOException e) {
            checkinRetry.failed(now, RetryTimer.retryAfter(e));
            nextCheckin = checkinRetry.nextAttempt(now);
            return Optional.empty();
        }
    }

    /** Sends one batch of pending events, if any and if not backing off. */
    void flush(Instant now) {
        if (journal.pendingCount() == 0 || !eventRetry.ready(now)) {
            return;
        }
        List<DeviceEvent> batch = journal.pending(EventBatch.MAX_EVENTS);
        EventsAck ack;
        try {
            ack = transport.sendEvents(new EventBatch(batch));
        } catch (IOException e) {
            eventRetry.failed(now, RetryTimer.retryAfter(e));
            return;
        }
        int pendingBefore = journal.pendingCount();
        setAside(batch, ack.refused());
        journal.acknowledge(ack.ackedThroughSeq());
        if (journal.pendingCount() < pendingBefore) {
            eventRetry.succeeded();
        } else {
            // The server took nothing new off the vehicle's hands: resending at once would only hammer it.
            eventRetry.failed(now, null);
        }
    }

    /** The batch's events the server refused for good leave the journal's pending events, each logged once. */
    private void setAside(List<DeviceEvent> batch, List<EventRefusal> verdicts) {
        if (verdicts.isEmpty()) {
            return;
        }
        Map<Long, DeviceEvent> sent = batch.stream().collect(Collectors.toMap(DeviceEvent::seq, Function.identity()));
        List<RefusedEvent> refused = new ArrayList<>();
        for (EventRefusal verdict : verdicts) {
            DeviceEvent event = sent.get(verdict.seq());
            if (event != null) {
                refused.add(RefusedEvent.of(event, verdict));
            }
        }
        journal.setAside(refused);
        for (RefusedEvent r : refused) {
            LOG.log(
                    Level.WARNING,
                    "The server refused event {0} ({1}) for good: {2} {3}; it is set aside, not resent",
                    r.event().seq(),
                    r.event().type(),
                    r.code(),
                    r.detail());
        }
    }

    /** Check in at the next opportunity (an assignment finished, the link came back). */
    void checkinSoon() {
        nextCheckin = null;
    }

    /** The link is back: forget the backoff and talk to the server now. */
    void reconnected() {
        checkinRetry.succeeded();
        eventRetry.succeeded();
        checkinSoon();
    }

    /** When the uplink next has something to do. */
    Instant nextWake(Instant now) {
        Instant checkin = nextCheckin == null ? now : nextCheckin;
        Instant checkinRetryAt = checkinRetry.nextAttempt(now);
        checkin = checkin.isBefore(checkinRetryAt) ? checkinRetryAt : checkin;
        if (journal.pendingCount() == 0) {
            return checkin;
        }
        Instant flush = eventRetry.nextAttempt(now);
        return flush.isBefore(checkin) ? flush : checkin;
    }
}
