package io.pitwall.server.inventory;

import io.pitwall.server.shared.ApiException;
import java.util.regex.Pattern;

/**
 * A vehicle identification number per ISO 3779: exactly 17 characters of A-Z and 0-9 without I, O and
 * Q. Lower case is refused rather than folded so that a VIN has one spelling everywhere. The check digit
 * is not verified because it is only mandatory in North America.
 */
public record Vin(String value) implements Comparable<Vin> {

    private static final Pattern ISO_3779 = Pattern.compile("[A-HJ-NPR-Z0-9]{17}");

    public Vin {
        if (value == null || value.isEmpty()) {
            throw Fields.invalid("missing-field", "vin", "vin is required");
        }
        if (!ISO_3779.matcher(value).matches()) {
            throw new ApiException(
                    422,
                    "invalid-vin",
                    "'" + clip(value) + "' is not a VIN: 17 characters of A-Z and 0-9 without I, O and Q");
        }
    }

    public static Vin of(String value) {
        return new Vin(value);
    }

    @Override
    public int compareTo(Vin other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
