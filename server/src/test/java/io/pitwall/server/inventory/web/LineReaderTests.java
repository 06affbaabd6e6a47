package io.pitwall.server.inventory.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTests {

    @Test
    void splitsLfAndCrlfLinesAndDropsAByteOrderMark() throws IOException {
        assertThat(read("\uFEFFa\r\nb\n\nc", 100)).containsExactly("1:a", "2:b", "3:", "4:c");
    }

    @Test
    void aTrailingNewlineEndsTheLastLine() throws IOException {
        assertThat(read("a\nb\n", 100)).containsExactly("1:a", "2:b");
    }

    @Test
    void reportsALineLongerThanTheLimitAndGoesOn() throws IOException {
        String longLine = "x".repeat(50_000);
        assertThat(read("ok\n" + longLine + "\nnext\n", 1_000)).containsExactly("1:ok", "2:<too long>", "3:next");
    }

    @Test
    void keepsTheBeginningOfALineThatIsTooLong() throws IOException {
        var reader = new LineReader(new StringReader("ab" + "x".repeat(50_000) + "\nnext\n"), 1_000);
        var line = reader.next();
        assertThat(line.tooLong()).isTrue();
        assertThat(line.text()).hasSize(1_000).startsWith("abx");
        assertThat(reader.next().text()).isEqualTo("next");
    }

    private static List<String> read(String text, int max) throws IOException {
        var reader = new LineReader(new StringReader(text), max);
        List<String> lines = new ArrayList<>();
        for (var line = reader.next(); line != null; line = reader.next()) {
            lines.add(line.number() + ":" + (line.tooLong() ? "<too long>" : line.text()));
        }
        return lines;
    }
}
