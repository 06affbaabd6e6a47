package io.pitwall.server.campaign.web;

import io.pitwall.server.campaign.TargetFilter;
import io.pitwall.server.inventory.VehicleSelector;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A request's {@code filter}: an RSQL string ({@code "model==Aurora;ecu.BMS.version=lt=2.4.0"}), or the
 * older object {@code {model, region, tag, attributes}} which may also carry the RSQL string as
 * {@code query}; absent means every vehicle. Anything else is {@code invalid-target-filter} (400), as is an
 * RSQL string that does not compile.
 */
final class TargetFilterBody {

    private TargetFilterBody() {}

    static TargetFilter parse(JsonNode node) {
        try {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return new TargetFilter(null, null, null, null, null);
            }
            if (node.isString()) {
                return new TargetFilter(null, null, null, null, node.asString());
            }
            if (!node.isObject()) {
                throw new IllegalArgumentException("filter is an RSQL string or an object");
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            JsonNode attrs = node.get("attributes");
            if (attrs != null && !attrs.isNull()) {
                if (!attrs.isObject()) {
                    throw new IllegalArgumentException("attributes is an object of names to values");
                }
                for (var entry : attrs.properties()) {
                    attributes.put(entry.getKey(), text(entry.getValue(), "attribute " + entry.getKey()));
                }
            }
            return new TargetFilter(
                    text(node.get("model"), "model"),
                    text(node.get("region"), "region"),
                    text(node.get("tag"), "tag"),
                    attributes,
                    text(node.get("query"), "query"));
        } catch (IllegalArgumentException e) {
            throw VehicleSelector.invalidFilter(e.getMessage());
        }
    }

    private static String text(JsonNode node, String what) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new IllegalArgumentException(what + " must be a string");
        }
        return node.asString();
    }
}
