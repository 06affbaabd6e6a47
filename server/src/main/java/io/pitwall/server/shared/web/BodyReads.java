package io.pitwall.server.shared.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * Keeps slow request bodies from taking the server's request threads. A request that waits for body bytes holds a
 * request thread until they come, so a few hundred clients that send part of a body and stop would leave no thread
 * for anyone else, health probes included. Every body is therefore read under three rules ({@link HttpSettings}):
 * <ul>
 *   <li>at most {@code max-body-waits} requests wait for body bytes at once; one more that would have to wait is
 *       refused before it waits (503 {@code server-busy});</li>
 *   <li>a body may keep the server waiting for {@code body-rate-grace} plus one second per {@code min-body-rate} of
 *       it received, else it is refused (408 {@code body-too-slow}). Only time spent waiting for the client counts,
 *       so a consumer that reads slowly (an import writing to the database) does not count against the client;</li>
 *   <li>a single silence longer than {@code body-read-timeout} fails in Tomcat (408).</li>
 * </ul>
 * A read that finds bytes already received never waits and needs no turn, so a body that arrived with its headers
 * costs nothing here.
 */
final class BodyReads {

    private final Semaphore waits;
    private final long graceNanos;
    private final double minBytesPerSecond;
    private final LongSupplier nanoTime;

    BodyReads(HttpSettings settings, LongSupplier nanoTime) {
        this.waits = settings.maxBodyWaits() == 0 ? null : new Semaphore(settings.maxBodyWaits());
        this.graceNanos = settings.bodyRateGrace().toNanos();
        this.minBytesPerSecond = settings.minBodyRate().toBytes();
        this.nanoTime = nanoTime;
    }

    /** The body stream under these rules. */
    Body guard(ServletInputStream in) {
        return new Body(in);
    }

    /** A request body read under the rules; once refused, every later read is refused the same way. */
    final class Body extends ServletInputStream {

        private final ServletInputStream in;
        private final byte[] single = new byte[1];
        private long bytes;
        private long waitedNanos;
        private boolean nonBlocking;
        private BodyReadRefused refused;

        private Body(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int n = read(single, 0, 1);
            return n <= 0 ? -1 : single[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (refused != null) {
                throw refused;
            }
            if (length == 0 || nonBlocking || in.isFinished() || in.available() > 0) {
                return counted(in.read(buffer, offset, length));
            }
            if (waits != null && !waits.tryAcquire()) {
                throw refuse(BodyReadRefused.busy());
            }
            long start = nanoTime.getAsLong();
            int n;
            try {
                n = in.read(buffer, offset, length);
            } finally {
                waitedNanos += nanoTime.getAsLong() - start;
                if (waits != null) {
                    waits.release();
                }
            }
            counted(n);
            if (minBytesPerSecond > 0
                    && waitedNanos > graceNanos
                    && (waitedNanos - graceNanos) / 1e9 * minBytesPerSecond > bytes) {
                throw refuse(BodyReadRefused.tooSlow());
            }
            return n;
        }

        /**
         * Reads and drops the rest of the body under the same rules, up to {@code limit} bytes; {@code false} when
         * the rest did not come in time, was refused, or is longer.
         */
        boolean drain(long limit) {
            byte[] buffer = new byte[8192];
            long drained = 0;
            try {
                for (int n = read(buffer, 0, buffer.length); n >= 0; n = read(buffer, 0, buffer.length)) {
                    drained += n;
                    if (drained > limit) {
                        return false;
                    }
                }
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        boolean refused() {
            return refused != null;
        }

        private BodyReadRefused refuse(BodyReadRefused refusal) {
            refused = refusal;
            return refusal;
        }

        private int counted(int n) {
            if (n > 0) {
                bytes += n;
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        /** Non-blocking reads never wait, so they hold no thread and need no turn. */
        @Override
        public void setReadListener(ReadListener listener) {
            nonBlocking = true;
            in.setReadListener(listener);
        }
    }
}
