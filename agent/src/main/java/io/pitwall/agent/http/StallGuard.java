package io.pitwall.agent.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body that gives up when no byte arrives for {@code timeout}: the JDK HttpClient has no read
 * timeout for bodies, and a stalled server must not hold the agent (or a simulator thread) forever.
 * Measured in real time on purpose — this is a network timeout, not agent logic.
 */
final class StallGuard extends FilterInputStream {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pitwall-http-stall-guard");
        thread.setDaemon(true);
        return thread;
    });
    private final long timeoutNanos;
    private final ScheduledFuture<?> check;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean stalled;

    StallGuard(InputStream in, Duration timeout) {
        super(in);
        this.timeoutNanos = timeout.toNanos();
        long period = Math.max(1, timeout.toMillis() / 4);
        this.check = WATCHDOG.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (System.nanoTime() - lastProgress > timeoutNanos) {
            stalled = true;
            check.cancel(false);
            try {
                in.close();
            } catch (IOException e) {
                // Closing is all we wanted; the reader sees the stall below.
            }
        }
    }

    @Override
    public int read() throws IOException {
        try {
            int b = in.read();
            progressed();
            return b;
        } catch (IOException e) {
            throw stalled ? stall() : e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int n = in.read(buffer, offset, length);
            progressed();
            return n;
        } catch (IOException e) {
            throw stalled ? stall() : e;
        }
    }

    private void progressed() throws IOException {
        if (stalled) {
            throw stall();
        }
        lastProgress = System.nanoTime();
    }

    private IOException stall() {
        return new IOException("no data for " + Duration.ofNanos(timeoutNanos).toMillis() + " ms");
    }

    @Override
    public void close() throws IOException {
        check.cancel(false);
        in.close();
    }
}
