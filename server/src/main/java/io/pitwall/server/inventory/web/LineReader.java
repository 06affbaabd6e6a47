package io.pitwall.server.inventory.web;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits a character stream into lines without ever holding more than one line of at most
 * {@code maxChars}: a longer line is skipped to its end and reported as too long with only its first
 * {@code maxChars} characters, so one huge line cannot exhaust memory. Accepts LF and CRLF endings and
 * drops a leading byte order mark.
 */
final class LineReader {

    /** A line's 1-based number and text (when {@code tooLong}, only the text's beginning). */
    record Line(long number, String text, boolean tooLong) {}

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[16_384];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int end;
    private long number;

    LineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line, or {@code null} at the end of the stream. */
    Line next() throws IOException {
        line.setLength(0);
        boolean tooLong = false;
        boolean read = false;
        while (true) {
            if (position == end) {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    if (!read) {
                        return null;
                    }
                    break;
                }
                position = 0;
                end = n;
            }
            read = true;
            int start = position;
            while (position < end && buffer[position] != '\n') {
                position++;
            }
            if (!tooLong && line.length() + position - start > maxChars) {
                tooLong = true;
                line.append(buffer, start, maxChars - line.length());
            }
            if (!tooLong) {
                line.append(buffer, start, position - start);
            }
            if (position < end) {
                position++;
                break;
            }
        }
        number++;
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
            line.setLength(length - 1);
        }
        if (number == 1 && line.length() > 0 && line.charAt(0) == '\uFEFF') {
            line.deleteCharAt(0);
        }
        return new Line(number, line.toString(), tooLong);
    }
}
