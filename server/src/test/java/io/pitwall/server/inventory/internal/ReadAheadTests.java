package io.pitwall.server.inventory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.server.inventory.ImportLine;
import io.pitwall.server.inventory.ImportSource;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadAheadTests {

    @Test
    void handsOverEveryLineInOrder() throws IOException {
        try (var ahead = ReadAhead.start(new Counting(1_234, null))) {
            for (long i = 1; i <= 1_234; i++) {
                assertThat(ahead.next().line()).isEqualTo(i);
            }
            assertThat(ahead.next()).isNull();
            assertThat(ahead.next()).isNull();
        }
    }

    @Test
    void passesOnTheReadersFailureAfterTheLinesBeforeIt() throws IOException {
        try (var ahead = ReadAhead.start(new Counting(300, new IOException("client went away")))) {
            for (int i = 0; i < 300; i++) {
                ahead.next();
            }
            assertThatThrownBy(ahead::next).isInstanceOf(IOException.class).hasMessage("client went away");
        }
    }

    @Test
    void closingEarlyStopsTheReaderWithoutReadingEverything() {
        var source = new Counting(10_000_000, null);
        var ahead = ReadAhead.start(source);
        ahead.close();
        assertThat(source.read.get())
                .as("the reader holds a bounded number of lines ahead")
                .isLessThan(10_000);
    }

    private static final class Counting implements ImportSource {
        final AtomicInteger read = new AtomicInteger();
        private final int lines;
        private final IOException failure;

        Counting(int lines, IOException failure) {
            this.lines = lines;
            this.failure = failure;
        }

        @Override
        public ImportLine next() throws IOException {
            int n = read.incrementAndGet();
            if (n > lines) {
                if (failure != null) {
                    throw failure;
                }
                return null;
            }
            return new ImportLine.Unreadable(n, null, "test", "line " + n);
        }

        @Override
        public String format() {
            return "test";
        }
    }
}
