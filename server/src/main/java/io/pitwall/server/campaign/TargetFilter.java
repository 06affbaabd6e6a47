package io.pitwall.server.campaign;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which vehicles a campaign targets: equality on model and region, a tag, and attributes; {@code null}
 * fields match everything. (The RSQL filter of the orchestration engine replaces this.)
 */
public record TargetFilter(String model, String region, String tag, Map<String, String> attributes) {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9 ._:/-]{1,256}");

    public TargetFilter {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
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
