package io.pitwall.server.inventory.internal;

import java.util.Arrays;

/**
 * The VINs an import has seen, exactly and in little memory: a VIN's 17 characters are read as a base-36
 * number, the first 12 into a {@code long} and the last 5 into an {@code int}, kept in open-addressing
 * arrays (12 bytes a slot, one to two thirds full: 18-36 bytes per VIN, 25 MB for a million), where a
 * {@code HashSet<String>} of the same VINs holds about 100 bytes per VIN. Not thread-safe.
 */
public final class VinSet {

    private static final int EMPTY = -1;
    private long[] high = new long[1 << 10];
    private int[] low = filled(1 << 10);
    private int size;

    /**
     * Records the VIN and answers whether it was recorded before. A string that is not a VIN (ISO 3779: 17
     * characters of A-Z and 0-9 without I, O and Q) is never recorded and answers {@code false}.
     */
    public boolean seenBefore(String vin) {
        if (vin == null || vin.length() != 17) {
            return false;
        }
        long h = 0;
        for (int i = 0; i < 12; i++) {
            int digit = digit(vin.charAt(i));
            if (digit < 0) {
                return false;
            }
            h = h * 36 + digit;
        }
        int l = 0;
        for (int i = 12; i < 17; i++) {
            int digit = digit(vin.charAt(i));
            if (digit < 0) {
                return false;
            }
            l = l * 36 + digit;
        }
        if (contains(h, l)) {
            return true;
        }
        if (++size * 3 > low.length * 2) {
            grow();
        }
        put(high, low, h, l);
        return false;
    }

    private boolean contains(long h, int l) {
        int mask = low.length - 1;
        for (int slot = slot(h, l, mask); low[slot] != EMPTY; slot = (slot + 1) & mask) {
            if (low[slot] == l && high[slot] == h) {
                return true;
            }
        }
        return false;
    }

    private void grow() {
        long[] oldHigh = high;
        int[] oldLow = low;
        high = new long[oldLow.length * 2];
        low = filled(oldLow.length * 2);
        for (int i = 0; i < oldLow.length; i++) {
            if (oldLow[i] != EMPTY) {
                put(high, low, oldHigh[i], oldLow[i]);
            }
        }
    }

    private static void put(long[] high, int[] low, long h, int l) {
        int mask = low.length - 1;
        int slot = slot(h, l, mask);
        while (low[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        high[slot] = h;
        low[slot] = l;
    }

    private static int slot(long h, int l, int mask) {
        long mixed = (h ^ (l * 0x9E3779B97F4A7C15L)) * 0xBF58476D1CE4E5B9L;
        return (int) (mixed ^ (mixed >>> 32)) & mask;
    }

    /** 0-35 for an ISO 3779 character, -1 for anything else. */
    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O' && c != 'Q') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static int[] filled(int length) {
        int[] array = new int[length];
        Arrays.fill(array, EMPTY);
        return array;
    }
}
