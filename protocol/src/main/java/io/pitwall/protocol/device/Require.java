package io.pitwall.protocol.device;

import java.util.regex.Pattern;

/** Compact-constructor checks shared by the contract records. */
final class Require {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SHA512 = Pattern.compile("[0-9a-f]{128}");

    private Require() {}

    static String text(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    static String sha256(String value, String name) {
        if (value == null || !SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 64 lower-case hex characters");
        }
        return value;
    }

    static String sha512OrNull(String value, String name) {
        if (value != null && !SHA512.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 128 lower-case hex characters");
        }
        return value;
    }
}
