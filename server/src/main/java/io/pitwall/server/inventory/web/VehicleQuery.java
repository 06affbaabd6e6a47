package io.pitwall.server.inventory.web;

import io.pitwall.server.inventory.VehicleFilter;
import io.pitwall.server.shared.ApiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.util.MultiValueMap;

/**
 * The query string of a vehicle listing: {@code page}, {@code size}, the filters {@code model},
 * {@code region}, {@code market}, {@code customerType}, {@code tag}, {@code hardwareId} and any number
 * of {@code attr.<name>=<value>}, and {@code filter}, an RSQL filter ANDed with the rest. An unknown
 * or repeated parameter is refused rather than ignored, so a typo never silently widens a listing.
 */
record VehicleQuery(VehicleFilter filter, String rsql, int page, int size) {

    private static final Set<String> FILTERS =
            Set.of("model", "region", "market", "customerType", "tag", "hardwareId", "filter", "page", "size");
    private static final Pattern ATTRIBUTE = Pattern.compile("attr\\.[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    static VehicleQuery parse(MultiValueMap<String, String> params) {
        Map<String, String> attributes = new HashMap<>();
        for (var entry : params.entrySet()) {
            String name = entry.getKey();
            if (!FILTERS.contains(name) && !ATTRIBUTE.matcher(name).matches()) {
                throw invalid("Unknown parameter '" + clip(name) + "'; filters are " + FILTERS + " and attr.<name>");
            }
            List<String> values = entry.getValue();
            // The RSQL filter's own length limit is checked (with its own code) where it is compiled.
            int limit = name.equals("filter") ? Integer.MAX_VALUE : 256;
            if (values.size() != 1 || values.get(0).length() > limit) {
                throw invalid("Parameter '" + name + "' must be given once, with at most 256 characters");
            }
            if (name.startsWith("attr.")) {
                attributes.put(name.substring(5), values.get(0));
            }
        }
        var filter = new VehicleFilter(
                params.getFirst("model"),
                params.getFirst("region"),
                params.getFirst("market"),
                params.getFirst("customerType"),
                params.getFirst("tag"),
                attributes,
                params.getFirst("hardwareId"));
        return new VehicleQuery(
                filter,
                params.getFirst("filter"),
                number(params.getFirst("page"), 0, "page"),
                number(params.getFirst("size"), 50, "size"));
    }

    private static int number(String value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(name + " must be a whole number");
        }
    }

    private static ApiException invalid(String detail) {
        return ApiException.badRequest("invalid-parameter", detail);
    }

    private static String clip(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }
}
