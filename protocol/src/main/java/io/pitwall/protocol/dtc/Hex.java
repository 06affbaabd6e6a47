package io.pitwall.protocol.dtc;

import java.util.regex.Pattern;

/** Hex text to bytes: blanks and {@code 0x} prefixes between bytes are ignored, case does not matter. */
final class Hex {

    private static final Pattern PREFIX = Pattern.compile("(?i)0x");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,:]");

    private Hex() {}

    static byte[] parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidDtcException("no hex bytes given");
        }
        String digits = SEPARATORS.matcher(PREFIX.matcher(text).replaceAll("")).replaceAll("");
        if (digits.length() % 2 != 0) {
            throw new InvalidDtcException("odd number of hex digits (" + digits.length() + "): bytes are two digits");
        }
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int high = Character.digit(digits.charAt(2 * i), 16);
            int low = Character.digit(digits.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0) {
                throw new InvalidDtcException(
                        "'" + digits.substring(2 * i, 2 * i + 2) + "' at byte " + i + " is not hex");
            }
            bytes[i] = (byte) (high << 4 | low);
        }
        return bytes;
    }
}
