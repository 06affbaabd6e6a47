package io.pitwall.server.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class BodyReadsTests {

    private long now;

    @Test
    void onlyAsManyRequestsWaitForTheirBodiesAtOnceAsAllowedAndReceivedBytesNeedNoTurn() throws IOException {
        BodyReads reads = reads(1);
        var waiting = new Network().arrives(Duration.ofSeconds(1), 10);
        var received = new Network().received(10);
        var another = new Network().arrives(Duration.ofSeconds(1), 10);
        var receivedBody = reads.guard(received);
        var anotherBody = reads.guard(another);
        waiting.whileWaiting = () -> {
            assertThat(read(receivedBody)).isEqualTo(10);
            assertThatThrownBy(() -> anotherBody.read(new byte[10], 0, 10))
                    .isInstanceOfSatisfying(
                            BodyReadRefused.class,
                            refused -> assertThat(refused.status()).isEqualTo(503));
        };

        assertThat(read(reads.guard(waiting))).isEqualTo(10);

        assertThat(received.whileWaitingRan + another.whileWaitingRan).isZero();
        assertThat(waiting.whileWaitingRan).isOne();
        assertThatThrownBy(() -> anotherBody.read())
                .as("a refused body stays refused")
                .isInstanceOf(BodyReadRefused.class);
        assertThat(read(reads.guard(new Network().arrives(Duration.ofSeconds(1), 10))))
                .as("the turn is given back after the wait")
                .isEqualTo(10);
    }

    @Test
    void aBodyArrivingBelowTheMinimumRateIsRefusedOnceItHasKeptTheServerWaitingBeyondTheGrace() throws IOException {
        var body = reads(0).guard(new Network()
                .arrives(Duration.ofMillis(400), 1)
                .arrives(Duration.ofMillis(400), 1)
                .arrives(Duration.ofMillis(400), 1)
                .arrives(Duration.ofMillis(400), 1));

        assertThat(body.read()).isEqualTo('x');
        assertThat(body.read()).isEqualTo('x');
        assertThatThrownBy(body::read).isInstanceOfSatisfying(BodyReadRefused.class, refused -> {
            assertThat(refused.status()).isEqualTo(408);
            assertThat(refused.code()).isEqualTo("body-too-slow");
        });
        assertThatThrownBy(body::read).isInstanceOf(BodyReadRefused.class);
    }

    @Test
    void aBodyArrivingAtTheMinimumRateIsReadHoweverLongItTakes() throws IOException {
        var network = new Network();
        for (int i = 0; i < 100; i++) {
            network.arrives(Duration.ofSeconds(1), 1100);
        }

        assertThat(read(reads(0).guard(network))).isEqualTo(110_000);
    }

    @Test
    void timeTheApplicationTakesBetweenReadsDoesNotCountAgainstTheClient() throws IOException {
        var body = reads(0).guard(new Network()
                .arrives(Duration.ofMillis(100), 1)
                .arrives(Duration.ofMillis(100), 1)
                .arrives(Duration.ofMillis(100), 1));

        for (int i = 0; i < 3; i++) {
            assertThat(body.read()).isEqualTo('x');
            now += Duration.ofMinutes(1).toNanos();
        }
        assertThat(body.read()).isEqualTo(-1);
    }

    @Test
    void drainingReadsTheRestUnderTheSameRulesUpToALimit() {
        assertThat(reads(1).guard(new Network().received(100).arrives(Duration.ofSeconds(1), 900))
                        .drain(1000))
                .isTrue();
        assertThat(reads(1).guard(new Network().received(100).arrives(Duration.ofSeconds(1), 901))
                        .drain(1000))
                .isFalse();
        assertThat(reads(1).guard(new Network()
                                .received(1)
                                .arrives(Duration.ofSeconds(5), 1)
                                .arrives(Duration.ofSeconds(5), 1))
                        .drain(1000))
                .as("too slow")
                .isFalse();
    }

    private BodyReads reads(int maxWaits) {
        return new BodyReads(
                new HttpSettings(Duration.ofSeconds(20), DataSize.ofKilobytes(1), Duration.ofSeconds(1), maxWaits),
                () -> now);
    }

    private static int read(ServletInputStream body) {
        try {
            byte[] buffer = new byte[4096];
            int total = 0;
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client's body: bytes already received, then arrivals that each keep a read waiting for a while. */
    private final class Network extends ServletInputStream {

        private final Deque<long[]> arrivals = new ArrayDeque<>();
        private int buffered;
        Runnable whileWaiting = () -> {};
        int whileWaitingRan;

        Network received(int bytes) {
            buffered += bytes;
            return this;
        }

        Network arrives(Duration after, int bytes) {
            arrivals.add(new long[] {after.toNanos(), bytes});
            return this;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (buffered == 0) {
                long[] arrival = arrivals.poll();
                if (arrival == null) {
                    return -1;
                }
                whileWaitingRan++;
                whileWaiting.run();
                now += arrival[0];
                buffered = (int) arrival[1];
            }
            int n = Math.min(buffered, length);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'x');
            buffered -= n;
            return n;
        }

        @Override
        public int available() {
            return buffered;
        }

        @Override
        public boolean isFinished() {
            return buffered == 0 && arrivals.isEmpty();
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
