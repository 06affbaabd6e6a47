package io.pitwall.server.catalog.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shapes of catalog identifiers. Hardware ids and file names become TUF target path segments
 * ({@code <hardwareId>/<fileName>}) and, on vehicles, file names, so both are held to a small, safe
 * character set: no path separators, no traversal, no control characters, no leading dot.
 */
public final class Identifiers {

    public static final int MAX_FILE_NAME = 128;
    private static final Pattern HARDWARE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+~-]{0,63}");
    private static final Pattern ECU_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Pattern FILE_NAME_CHARS = Pattern.compile("[A-Za-z0-9._+-]+");

    private Identifiers() {}

    /** 1-64 of {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit. */
    public static boolean isHardwareId(String value) {
        return value != null && HARDWARE_ID.matcher(value).matches();
    }

    /** 1-64 of {@code A-Z a-z 0-9 . _ + ~ -}, starting with a letter or digit. */
    public static boolean isVersion(String value) {
        return value != null && VERSION.matcher(value).matches();
    }

    /** 1-32 of {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit. */
    public static boolean isEcuType(String value) {
        return value != null && ECU_TYPE.matcher(value).matches();
    }

    /** A display name: 1-100 characters, no control characters, not blank. */
    public static boolean isName(String value) {
        return value != null
                && !value.isBlank()
                && value.length() <= 100
                && value.chars().noneMatch(Character::isISOControl);
    }

    /** Why a file name is refused, or empty when it is acceptable. */
    public static Optional<String> fileNameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("a file name is required");
        }
        if (name.length() > MAX_FILE_NAME) {
            return Optional.of("a file name has at most " + MAX_FILE_NAME + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("a file name must not contain control characters");
        }
        if (name.contains("/") || name.contains("\\") || name.contains("..")) {
            return Optional.of("a file name must not contain '/', '\\' or '..'");
        }
        if (name.startsWith(".")) {
            return Optional.of("a file name must not start with '.'");
        }
        if (!FILE_NAME_CHARS.matcher(name).matches()) {
            return Optional.of("a file name uses only A-Z, a-z, 0-9, '.', '_', '+' and '-'");
        }
        return Optional.empty();
    }
}
