package io.pitwall.simulator.fault;

import io.pitwall.agent.ArtifactBody;
import io.pitwall.agent.ArtifactHead;
import io.pitwall.agent.Transport;
import io.pitwall.protocol.device.CheckinRequest;
import io.pitwall.protocol.device.CheckinResponse;
import io.pitwall.protocol.device.EventBatch;
import io.pitwall.protocol.device.EventsAck;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

/**
 * The network between one vehicle and the server, around its real transport: every request really goes
 * over HTTP, unless a seeded draw drops it before sending; a drop after sending lets the server process
 * the request and loses the answer (a download breaks off mid-body). Event batches may also arrive twice,
 * late (the previous batch again) or tail first. Latency is real waiting on the calling thread. Used by one
 * agent at a time, like the agent itself.
 */
public final class FaultyTransport implements Transport {

    private final Transport delegate;
    private final FaultProfile faults;
    private final RandomGenerator random;
    private final CrashPlan plan;
    private final FleetCounters counters;
    private final long chunkBytes;
    private EventBatch previous;
    private String interrupted;

    public FaultyTransport(
            Transport delegate,
            FaultProfile faults,
            RandomGenerator random,
            CrashPlan plan,
            FleetCounters counters,
            long chunkBytes) {
        this.delegate = delegate;
        this.faults = faults;
        this.random = random;
        this.plan = plan;
        this.counters = counters;
        this.chunkBytes = chunkBytes;
    }

    @Override
    public CheckinResponse checkin(CheckinRequest request) throws IOException {
        boolean dropAfter = beforeSending();
        CheckinResponse response;
        try {
            response = delegate.checkin(request);
        } catch (IOException e) {
            throw failed(e);
        }
        return afterSending(dropAfter, response);
    }

    @Override
    public EventsAck sendEvents(EventBatch batch) throws IOException {
        boolean dropAfter = beforeSending();
        int size = batch.events().size();
        if (previous != null && random.nextDouble() < faults.duplicateBatchShare()) {
            // A delayed copy of the previous batch arrives only now, after everything it carried was acknowledged.
            send(previous);
            counters.batchesDuplicated.increment();
        }
        if (size > 1 && random.nextDouble() < faults.reorderBatchShare()) {
            send(new EventBatch(batch.events().subList(1 + random.nextInt(size - 1), size)));
            counters.batchesReordered.increment();
        }
        EventsAck ack = send(batch);
        if (random.nextDouble() < faults.duplicateBatchShare()) {
            ack = send(batch);
            counters.batchesDuplicated.increment();
        }
        previous = faults.duplicateBatchShare() > 0 ? batch : null;
        return afterSending(dropAfter, ack);
    }

    private EventsAck send(EventBatch batch) throws IOException {
        EventsAck ack;
        try {
            ack = delegate.sendEvents(batch);
        } catch (IOException e) {
            throw failed(e);
        }
        counters.eventBatches.increment();
        counters.eventsSent.add(batch.events().size());
        return ack;
    }

    @Override
    public ArtifactHead head(String url) throws IOException {
        boolean dropAfter = beforeSending();
        ArtifactHead head;
        try {
            head = delegate.head(url);
        } catch (IOException e) {
            throw failed(e);
        }
        return afterSending(dropAfter, head);
    }

    @Override
    public ArtifactBody download(String url, long offset) throws IOException {
        boolean dropAfter;
        ArtifactBody body;
        try {
            dropAfter = beforeSending();
        } catch (IOException e) {
            interrupted = url;
            throw e;
        }
        try {
            body = delegate.download(url, offset);
        } catch (IOException e) {
            interrupted = url;
            throw failed(e);
        }
        if (offset > 0 && url.equals(interrupted)) {
            // Picks up where a broken download (or a killed agent) left off: a real resume, not the next chunk.
            counters.downloadsResumed.increment();
        }
        interrupted = null;
        long expected =
                Math.max(1, Math.min(chunkBytes, body.totalLength() < 0 ? chunkBytes : body.totalLength() - offset));
        long breakAt = -1;
        boolean kill = false;
        double killFraction = offset == 0 ? plan.takeDownloadKill() : -1;
        if (killFraction > 0) {
            breakAt = Math.max(1, (long) (expected * killFraction));
            kill = true;
        } else if (dropAfter) {
            breakAt = random.nextLong(expected);
        }
        return new ArtifactBody(
                body.offset(),
                body.totalLength(),
                new BrokenStream(body.body(), breakAt, kill, counters, () -> interrupted = url));
    }

    /** A real failure (not a simulated one): the server refused, was unreachable, or answered with an error. */
    private IOException failed(IOException e) {
        counters.realFailures.increment();
        counters.firstRealFailure.compareAndSet(null, e.toString());
        return e;
    }

    /** Waits the latency, then maybe drops; answers whether to drop the answer instead. */
    private boolean beforeSending() throws IOException {
        counters.requests.increment();
        pause();
        double u = random.nextDouble();
        if (u < faults.networkDropRate() / 2) {
            counters.droppedBeforeSending.increment();
            throw new ConnectException("simulated network drop before sending");
        }
        return u < faults.networkDropRate();
    }

    private <T> T afterSending(boolean drop, T answer) throws IOException {
        if (drop) {
            counters.droppedAfterSending.increment();
            throw new IOException("simulated network drop: the server answered, the answer was lost");
        }
        return answer;
    }

    private void pause() {
        long min = faults.latencyMin().toNanos();
        long max = faults.latencyMax().toNanos();
        if (max <= 0) {
            return;
        }
        long deadline = System.nanoTime() + (max > min ? min + random.nextLong(max - min) : min);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
