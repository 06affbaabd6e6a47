package io.pitwall.server.campaign;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which vehicles a campaign targets: equality on model and region, a tag, and attributes ({@code null}
 * fields match everything), ANDed with {@code query}, an RSQL filter over vehicle fields, attributes, tags
 * and ECU inventory ({@link io.pitwall.server.inventory.VehicleSelector}; {@code null} = every vehicle).
 * The equality fields are kept for compatibility; new campaigns should use {@code query} alone.
 */
public record TargetFilter(String model, String region, String tag, Map<String, String> attributes, String query) {

    /** Campaign filters are stored with the campaign; the inventory accepts longer ones for listings. */
    public static final int MAX_QUERY_LENGTH = 2000;

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9 ._:/-]{1,256}");

    public TargetFilter(String model, String region, String tag, Map<String, String> attributes) {
        this(model, region, tag, attributes, null);
    }

    public TargetFilter {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        query = query == null || query.isBlank() ? null : query;
        if (query != null && query.length() > MAX_QUERY_LENGTH) {
            throw new IllegalArgumentException("A campaign's filter has at most " + MAX_QUERY_LENGTH + " characters");
        }
        check("model", model);
        check("region", region);
        check("tag", tag);
        if (attributes.size() > 10) {
            throw new IllegalArgumentException("at most 10 attribute conditions");
        }
        attributes.forEach((name, value) -> {
            check("attribute name", name);
            check("attribute value", value);
        });
    }

    private static void check(String what, String value) {
        if (value != null && !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " has characters a filter does not accept: " + value);
        }
    }
}
