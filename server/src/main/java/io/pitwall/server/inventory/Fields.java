package io.pitwall.server.inventory;

import io.pitwall.server.shared.ApiException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Field checks shared by the inventory's records. Every refusal is a 422 with a stable code and the
 * offending field, so a REST answer and an import report line say the same thing.
 */
final class Fields {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private Fields() {}

    /** A required, single-line text of at most {@code max} characters. */
    static String text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw invalid("missing-field", field, field + " is required");
        }
        return optionalText(value, field, max);
    }

    /** An optional text: blank means absent ({@code null}). */
    static String optionalText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw invalid("field-too-long", field, field + " has more than " + max + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw invalid("invalid-field", field, field + " contains control characters");
        }
        return value;
    }

    /** A name usable in a query ({@code attr.<name>}, {@code tag=}): letters, digits and {@code . _ : -}. */
    static String name(String value, String field) {
        text(value, field, 64);
        if (!NAME.matcher(value).matches()) {
            throw invalid(
                    "invalid-field",
                    field,
                    field + " '" + value
                            + "' is not 1-64 characters of letters, digits, '.', '_', ':' or '-' starting with a letter or digit");
        }
        return value;
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw invalid("missing-field", field, field + " is required");
        }
        return value;
    }

    static void atMost(int count, int max, String field) {
        if (count > max) {
            throw invalid("too-many-items", field, field + " has more than " + max + " entries");
        }
    }

    static ApiException invalid(String code, String field, String detail) {
        return new ApiException(422, code, detail, Map.of("field", field));
    }
}
