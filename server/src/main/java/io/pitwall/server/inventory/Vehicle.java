package io.pitwall.server.inventory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A vehicle and everything the inventory holds about it: the full desired state that a create, a
 * replace or an import line carries. Attributes are sorted by name, tags by value and ECUs by serial,
 * so two vehicles with the same content are {@code equals} whatever order they were given in; the
 * import relies on that to leave unchanged vehicles untouched.
 *
 * @param attributes free key/value facts (name: letters, digits, {@code . _ : -}; value up to 256 characters)
 * @param tags       labels used by campaign waves, e.g. {@code pilot}
 * @param ecus       at most one primary, serials unique within the vehicle
 */
public record Vehicle(
        Vin vin,
        String model,
        int modelYear,
        String region,
        String market,
        String customerType,
        String connectivity,
        Map<String, String> attributes,
        Set<String> tags,
        List<Ecu> ecus) {

    public static final int MAX_ATTRIBUTES = 100;
    public static final int MAX_TAGS = 50;
    public static final int MAX_ECUS = 100;

    public Vehicle {
        Fields.required(vin, "vin");
        Fields.text(model, "model", 64);
        if (modelYear < 1950 || modelYear > 2100) {
            throw Fields.invalid(
                    "invalid-field", "modelYear", "modelYear " + modelYear + " is not between 1950 and 2100");
        }
        Fields.text(region, "region", 32);
        Fields.text(market, "market", 32);
        Fields.text(customerType, "customerType", 32);
        Fields.text(connectivity, "connectivity", 32);
        attributes = checkedAttributes(attributes == null ? Map.of() : attributes);
        tags = checkedTags(tags == null ? Set.of() : tags);
        ecus = checkedEcus(ecus == null ? List.of() : ecus);
    }

    private static SortedMap<String, String> checkedAttributes(Map<String, String> given) {
        Fields.atMost(given.size(), MAX_ATTRIBUTES, "attributes");
        var sorted = new TreeMap<String, String>();
        given.forEach((name, value) -> {
            Fields.name(name, "attributes");
            sorted.put(name, Fields.text(value, "attributes." + name, 256));
        });
        return Collections.unmodifiableSortedMap(sorted);
    }

    private static SortedSet<String> checkedTags(Set<String> given) {
        Fields.atMost(given.size(), MAX_TAGS, "tags");
        var sorted = new TreeSet<String>();
        for (String tag : given) {
            sorted.add(Fields.name(tag, "tags"));
        }
        return Collections.unmodifiableSortedSet(sorted);
    }

    private static List<Ecu> checkedEcus(List<Ecu> given) {
        Fields.atMost(given.size(), MAX_ECUS, "ecus");
        var serials = new HashSet<String>();
        int primaries = 0;
        for (Ecu ecu : given) {
            Fields.required(ecu, "ecus");
            if (!serials.add(ecu.serial())) {
                throw Fields.invalid(
                        "duplicate-ecu-serial",
                        "ecus.serial",
                        "ECU serial " + ecu.serial() + " appears more than once");
            }
            primaries += ecu.primary() ? 1 : 0;
        }
        if (primaries > 1) {
            throw Fields.invalid(
                    "multiple-primary-ecus", "ecus.primary", "A vehicle has at most one primary ECU, not " + primaries);
        }
        var sorted = new ArrayList<>(given);
        sorted.sort(Comparator.comparing(Ecu::serial));
        return List.copyOf(sorted);
    }
}
