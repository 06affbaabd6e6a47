package io.pitwall.server.catalog.internal;

import java.math.BigInteger;
import java.util.Comparator;

/**
 * Orders software versions for dependency checks: split at {@code . - + _ ~}, compare segment by segment,
 * numerically when both segments are digits, else as text (a digit segment sorts before a text one);
 * when one version is a prefix of the other, the longer is newer. So {@code 1.10 > 1.9}, {@code 2.0.1 >
 * 2.0}. Pre-release suffixes get no special meaning ({@code 1.0-rc1 > 1.0}); use plain numbers for ordering.
 */
public final class Versions {

    public static final Comparator<String> ORDER = Versions::compare;
    private static final String SEPARATORS = "[.\\-+_~]";

    private Versions() {}

    public static int compare(String a, String b) {
        String[] left = a.split(SEPARATORS);
        String[] right = b.split(SEPARATORS);
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int c = compareSegment(left[i], right[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.length, right.length);
    }

    public static boolean atLeast(String version, String minimum) {
        return compare(version, minimum) >= 0;
    }

    private static int compareSegment(String a, String b) {
        boolean numericA = !a.isEmpty() && a.chars().allMatch(Character::isDigit);
        boolean numericB = !b.isEmpty() && b.chars().allMatch(Character::isDigit);
        if (numericA && numericB) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
