package io.pitwall.server.device.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code Range} header asks of a representation of known length (RFC 9110 §14): one range
 * {@code N-}, {@code N-M} or suffix {@code -N} is served as a part; a range starting past the end, a
 * zero-length suffix or {@code N-M} with {@code M < N} is unsatisfiable (416); anything else (no header,
 * other units, several ranges, garbage) is ignored and the whole content served. Numbers too large for a
 * long saturate instead of failing.
 */
sealed interface ByteRange {

    /** Serve everything with 200. */
    record Whole() implements ByteRange {}

    /** Serve bytes {@code start..end} inclusive with 206. */
    record Part(long start, long end) implements ByteRange {}

    /** Answer 416 with {@code Content-Range: bytes *}/length. */
    record Unsatisfiable() implements ByteRange {}

    Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    static ByteRange of(String header, long length) {
        Matcher m = header == null || header.length() > 100 ? null : SINGLE.matcher(header.trim());
        if (m == null || !m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return new Whole();
        }
        if (m.group(1).isEmpty()) {
            long suffix = number(m.group(2));
            return suffix == 0 || length == 0
                    ? new Unsatisfiable()
                    : new Part(Math.max(0, length - suffix), length - 1);
        }
        long start = number(m.group(1));
        long last = m.group(2).isEmpty() ? Long.MAX_VALUE : number(m.group(2));
        if (start >= length || last < start) {
            return new Unsatisfiable();
        }
        return new Part(start, Math.min(last, length - 1));
    }

    private static long number(String digits) {
        String significant = digits.replaceFirst("^0+(?=\\d)", "");
        return significant.length() > 18 ? Long.MAX_VALUE : Long.parseLong(significant);
    }
}
