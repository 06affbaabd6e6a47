package io.pitwall.server.inventory.web;

import io.pitwall.server.shared.ApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The header row of a CSV import: which column holds what. Columns may come in any order; the required
 * ones must be present, every other one must be known, and {@code attr.<name>} columns carry attributes.
 */
final class CsvHeader {

    static final List<String> REQUIRED = List.of(
            "vin",
            "model",
            "modelYear",
            "region",
            "market",
            "customerType",
            "connectivity",
            "ecuSerial",
            "ecuType",
            "hardwareId",
            "softwareVersion",
            "updatePolicy");
    static final List<String> OPTIONAL = List.of("tags", "hardwareVariant", "imageHash", "primary");
    static final List<String> ECU_COLUMNS = List.of(
            "ecuSerial",
            "ecuType",
            "hardwareId",
            "hardwareVariant",
            "softwareVersion",
            "imageHash",
            "updatePolicy",
            "primary");
    private static final Pattern ATTRIBUTE = Pattern.compile("attr\\.([A-Za-z0-9][A-Za-z0-9._:-]{0,63})");

    private final Map<String, Integer> columns = new HashMap<>();
    private final Map<String, Integer> attributes = new LinkedHashMap<>();
    private final List<Integer> vehicleColumns = new ArrayList<>();
    private final int width;

    private CsvHeader(List<String> names) {
        this.width = names.size();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            var attribute = ATTRIBUTE.matcher(name);
            if (attribute.matches()) {
                attributes.put(attribute.group(1), i);
            } else if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                throw invalid("Unknown column '" + name + "'; columns are " + REQUIRED + ", optionally " + OPTIONAL
                        + " and attr.<name>");
            }
            if (columns.put(name, i) != null) {
                throw invalid("Column '" + name + "' appears twice");
            }
            if (!ECU_COLUMNS.contains(name) && !"vin".equals(name)) {
                vehicleColumns.add(i);
            }
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                throw invalid("Column '" + required + "' is missing; required are " + REQUIRED);
            }
        }
    }

    static CsvHeader of(List<String> names) {
        return new CsvHeader(names);
    }

    int width() {
        return width;
    }

    /** The cell of a named column, {@code ""} when the header or the row has no such column. */
    String cell(List<String> row, String column) {
        Integer index = columns.get(column);
        return index == null || index >= row.size() ? "" : row.get(index);
    }

    /** attribute name → column index. */
    Map<String, Integer> attributes() {
        return attributes;
    }

    /** Columns describing the vehicle (not the ECU), whose cells repeat on each row of the vehicle. */
    List<Integer> vehicleColumns() {
        return vehicleColumns;
    }

    private static ApiException invalid(String detail) {
        return ApiException.badRequest("invalid-csv-header", detail);
    }
}
