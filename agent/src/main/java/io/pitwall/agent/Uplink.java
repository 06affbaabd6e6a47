package io.pitwall.agent;

import io.pitwall.protocol.device.CheckinRequest;
import io.pitwall.protocol.device.CheckinResponse;
import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.EventBatch;
import io.pitwall.protocol.device.EventsAck;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The agent's conversation with the server: check in when the server said to, send journaled events in
 * batches and drop what it acknowledged. Check-ins and events share one backoff — both reach the same
 * server — so a vehicle that lost the network retries on a growing, jittered schedule.
 */
final class Uplink {

    private static final Duration MIN_POLL = Duration.ofSeconds(1);
    private final Transport transport;
    private final EventJournal journal;
    private final RetryTimer retry;
    private Instant nextCheckin;

    Uplink(Transport transport, EventJournal journal, RetryTimer retry) {
        this.transport = transport;
        this.journal = journal;
        this.retry = retry;
    }

    Optional<CheckinResponse> checkinIfDue(Instant now, Supplier<CheckinRequest> request) {
        if ((nextCheckin != null && now.isBefore(nextCheckin)) || !retry.ready(now)) {
            return Optional.empty();
        }
        try {
            CheckinResponse response = transport.checkin(request.get());
            retry.succeeded();
            Duration poll = Duration.ofSeconds(response.pollAfterSeconds());
            nextCheckin = now.plus(poll.compareTo(MIN_POLL) < 0 ? MIN_POLL : poll);
            return Optional.of(response);
        } catch (IOException e) {
            retry.failed(now, RetryTimer.retryAfter(e));
            nextCheckin = retry.nextAttempt(now);
            return Optional.empty();
        }
    }

    /** Sends one batch of pending events, if any and if not backing off. */
    void flush(Instant now) {
        if (journal.pendingCount() == 0 || !retry.ready(now)) {
            return;
        }
        List<DeviceEvent> batch = journal.pending(EventBatch.MAX_EVENTS);
        try {
            EventsAck ack = transport.sendEvents(new EventBatch(batch));
            long before = journal.ackedThroughSeq();
            journal.acknowledge(ack.ackedThroughSeq());
            if (journal.ackedThroughSeq() > before) {
                retry.succeeded();
            } else {
                // The server stored nothing new: resending at once would only hammer it.
                retry.failed(now, null);
            }
        } catch (IOException e) {
            retry.failed(now, RetryTimer.retryAfter(e));
        }
    }

    /** Check in at the next opportunity (an assignment finished, the link came back). */
    void checkinSoon() {
        nextCheckin = null;
    }

    /** The link is back: forget the backoff and talk to the server now. */
    void reconnected() {
        retry.succeeded();
        checkinSoon();
    }

    /** When the uplink next has something to do. */
    Instant nextWake(Instant now) {
        Instant wake = nextCheckin == null ? now : nextCheckin;
        if (journal.pendingCount() > 0) {
            Instant flush = retry.nextAttempt(now);
            wake = flush.isBefore(wake) ? flush : wake;
        }
        Instant retryAt = retry.nextAttempt(now);
        return wake.isBefore(retryAt) ? retryAt : wake;
    }
}
