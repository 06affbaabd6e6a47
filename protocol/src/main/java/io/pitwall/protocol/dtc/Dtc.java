package io.pitwall.protocol.dtc;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A diagnostic trouble code in SAE J2012 / ISO 15031-6 encoding: the two code bytes (system letter in bits
 * 15-14 with P=00, C=01, B=10, U=11, first digit 0-3 in bits 13-12, three hex digits below) and, for a 3-byte
 * UDS DTC, the failure type byte. Displayed as {@code P0A80} or {@code U0100-87}.
 *
 * @param code        the two code bytes, 0x0000-0xFFFF
 * @param failureType the failure type byte 0x00-0xFF, or {@code null} for a 2-byte (OBD) code
 */
public record Dtc(int code, Integer failureType) {

    private static final String LETTERS = "PCBU";
    private static final String HEX = "0123456789ABCDEF";
    private static final Pattern TEXT =
            Pattern.compile("([A-Za-z])([0-9A-Fa-f])([0-9A-Fa-f]{3})(?:-([0-9A-Fa-f]{2}))?");

    public Dtc {
        if (code < 0 || code > 0xFFFF) {
            throw new InvalidDtcException("a DTC code is two bytes, not 0x" + Integer.toHexString(code));
        }
        if (failureType != null && (failureType < 0 || failureType > 0xFF)) {
            throw new InvalidDtcException("a failure type is one byte, not " + failureType);
        }
    }

    /** The 3-byte UDS DTC number: high and middle byte the code, low byte the failure type. */
    public static Dtc ofUds(int number) {
        if (number < 0 || number > 0xFFFFFF) {
            throw new InvalidDtcException("a UDS DTC number is three bytes, not 0x" + Integer.toHexString(number));
        }
        return new Dtc(number >>> 8, number & 0xFF);
    }

    /**
     * Parses J2012 text: a system letter P, C, B or U, a digit 0-3, three hex digits and optionally {@code -}
     * and two hex digits of failure type. Letters and hex digits may be lower case; surrounding blanks are
     * ignored. Anything else is refused with the reason.
     */
    public static Dtc parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidDtcException("no DTC text given");
        }
        String trimmed = text.strip();
        Matcher m = TEXT.matcher(trimmed);
        if (!m.matches()) {
            throw new InvalidDtcException("'" + shorten(trimmed) + "' is not a J2012 code like P0A80 or U0100-87");
        }
        int letter = LETTERS.indexOf(m.group(1).toUpperCase(Locale.ROOT));
        if (letter < 0) {
            throw new InvalidDtcException("'" + m.group(1) + "' is not a J2012 system letter (P, C, B or U)");
        }
        int digit = Character.digit(m.group(2).charAt(0), 16);
        if (digit > 3) {
            throw new InvalidDtcException("the first digit of a J2012 code is 0-3, not " + m.group(2));
        }
        int code = letter << 14 | digit << 12 | Integer.parseInt(m.group(3), 16);
        return new Dtc(code, m.group(4) == null ? null : Integer.valueOf(Integer.parseInt(m.group(4), 16)));
    }

    /** The code without failure type, e.g. {@code P0A80}: what fleet statistics group by. */
    public String baseCode() {
        char[] text = {LETTERS.charAt(code >>> 14), (char) ('0' + ((code >>> 12) & 0x3)), 0, 0, 0};
        hexDigits(text, 2, code & 0xFFF, 3);
        return new String(text);
    }

    /** The J2012 display form, with {@code -FT} when there is a failure type, e.g. {@code U0100-87}. */
    public String display() {
        if (failureType == null) {
            return baseCode();
        }
        char[] type = {'-', 0, 0};
        hexDigits(type, 1, failureType, 2);
        return baseCode() + new String(type);
    }

    /** The raw number as upper-case hex: 4 digits for a 2-byte code, 6 for a 3-byte UDS DTC. */
    public String hex() {
        char[] text = new char[failureType == null ? 4 : 6];
        hexDigits(text, 0, failureType == null ? code : code << 8 | failureType, text.length);
        return new String(text);
    }

    /** Writes {@code value} as {@code digits} upper-case hex digits into {@code text} from {@code at}. */
    private static void hexDigits(char[] text, int at, int value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            text[at + i] = HEX.charAt(value & 0xF);
            value >>>= 4;
        }
    }

    @Override
    public String toString() {
        return display();
    }

    static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
