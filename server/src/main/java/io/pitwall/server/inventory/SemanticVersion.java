package io.pitwall.server.inventory;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Semantic Versioning 2.0.0 version ({@code MAJOR.MINOR.PATCH[-pre.release][+build]}), ordered by SemVer
 * precedence: numerically by major, minor, patch ({@code 2.10.0 > 2.9.0}); a pre-release sorts before its
 * release ({@code 2.4.0-rc.1 < 2.4.0}); pre-release identifiers compare numerically when both are digits,
 * else as ASCII text, a numeric one sorting first; more identifiers win when all before are equal; build
 * metadata is ignored. A string that is not strict SemVer (e.g. {@code v2.4}, {@code 2.4}) does not parse.
 */
public record SemanticVersion(String major, String minor, String patch, List<String> preRelease)
        implements Comparable<SemanticVersion> {

    private static final String NUMBER = "(0|[1-9]\\d{0,18})";
    private static final String IDENTIFIER = "(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)";
    private static final Pattern SEMVER = Pattern.compile(NUMBER + "\\." + NUMBER + "\\." + NUMBER + "(?:-("
            + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

    public SemanticVersion {
        preRelease = List.copyOf(preRelease);
    }

    /** The version, or empty when {@code text} is not a SemVer 2.0.0 version. */
    public static Optional<SemanticVersion> parse(String text) {
        if (text == null || text.length() > 128) {
            return Optional.empty();
        }
        var m = SEMVER.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        List<String> pre =
                m.group(4) == null ? List.of() : Arrays.asList(m.group(4).split("\\."));
        return Optional.of(new SemanticVersion(m.group(1), m.group(2), m.group(3), pre));
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int c = numeric(major, other.major);
        c = c != 0 ? c : numeric(minor, other.minor);
        c = c != 0 ? c : numeric(patch, other.patch);
        if (c != 0) {
            return c;
        }
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
        }
        for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
            c = identifier(preRelease.get(i), other.preRelease.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(preRelease.size(), other.preRelease.size());
    }

    private static int identifier(String a, String b) {
        boolean numericA = a.chars().allMatch(Character::isDigit);
        boolean numericB = b.chars().allMatch(Character::isDigit);
        if (numericA && numericB) {
            return numeric(a, b);
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        return a.compareTo(b);
    }

    /** Digit strings without leading zeros: the longer is larger, equal lengths compare as text. */
    private static int numeric(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
}
