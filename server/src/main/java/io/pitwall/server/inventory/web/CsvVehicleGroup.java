package io.pitwall.server.inventory.web;

import io.pitwall.server.inventory.Ecu;
import io.pitwall.server.inventory.EcuType;
import io.pitwall.server.inventory.ImportLine;
import io.pitwall.server.inventory.UpdatePolicy;
import io.pitwall.server.inventory.Vehicle;
import io.pitwall.server.inventory.Vin;
import io.pitwall.server.shared.ApiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The adjacent rows of one VIN in a CSV import, turned into one vehicle. The first row gives the vehicle
 * columns; each further row must repeat them or leave them empty. Each row with an {@code ecuSerial}
 * adds one ECU; a row whose ECU columns are all empty adds none (a vehicle without ECUs). The first
 * problem found (a malformed row included) rejects the whole vehicle, reported at the row where it was
 * found.
 */
final class CsvVehicleGroup {

    private final CsvHeader header;
    private final CsvRow first;
    private final List<Ecu> ecus = new ArrayList<>();
    private ImportLine.Unreadable problem;

    CsvVehicleGroup(CsvHeader header, CsvRow first) {
        this.header = header;
        this.first = first;
        add(first);
    }

    /** Whether the row is one of this vehicle's: it names the same VIN. */
    boolean takes(CsvRow row) {
        return header.cell(row.cells(), "vin").equals(vin());
    }

    void add(CsvRow row) {
        if (problem != null || ecus.size() > Vehicle.MAX_ECUS) {
            return;
        }
        if (row.malformed() != null) {
            problem = new ImportLine.Unreadable(
                    row.line(),
                    writtenVin(),
                    row.malformed().code(),
                    row.malformed().reason());
            return;
        }
        try {
            if (row.cells().size() != header.width()) {
                throw new ApiException(
                        422,
                        "invalid-csv-row",
                        "The row has " + row.cells().size() + " fields but the header has " + header.width());
            }
            for (int column : header.vehicleColumns()) {
                String cell = row.cells().get(column);
                if (!cell.isEmpty() && !cell.equals(first.cells().get(column))) {
                    throw new ApiException(
                            422,
                            "inconsistent-vehicle-rows",
                            "The row's vehicle columns differ from the first row of vin " + vin() + " (line "
                                    + first.line() + ")");
                }
            }
            Ecu ecu = ecu(row.cells());
            if (ecu != null) {
                ecus.add(ecu);
            }
        } catch (ApiException e) {
            problem = new ImportLine.Unreadable(row.line(), writtenVin(), e.code(), e.getMessage());
        }
    }

    ImportLine toLine() {
        if (problem != null) {
            return problem;
        }
        try {
            List<String> cells = first.cells();
            Map<String, String> attributes = new HashMap<>();
            header.attributes().forEach((name, column) -> {
                if (!cells.get(column).isEmpty()) {
                    attributes.put(name, cells.get(column));
                }
            });
            String tags = header.cell(cells, "tags");
            return new ImportLine.Parsed(
                    first.line(),
                    new Vehicle(
                            new Vin(vin()),
                            header.cell(cells, "model"),
                            year(header.cell(cells, "modelYear")),
                            header.cell(cells, "region"),
                            header.cell(cells, "market"),
                            header.cell(cells, "customerType"),
                            header.cell(cells, "connectivity"),
                            attributes,
                            tags.isEmpty() ? null : new HashSet<>(Arrays.asList(tags.split(";", -1))),
                            ecus));
        } catch (ApiException e) {
            return new ImportLine.Unreadable(first.line(), writtenVin(), e.code(), e.getMessage());
        }
    }

    String vin() {
        return header.cell(first.cells(), "vin");
    }

    private String writtenVin() {
        return vin().isEmpty() ? null : vin();
    }

    private Ecu ecu(List<String> cells) {
        boolean none = CsvHeader.ECU_COLUMNS.stream()
                .allMatch(column -> header.cell(cells, column).isEmpty());
        if (none) {
            return null;
        }
        String serial = header.cell(cells, "ecuSerial");
        if (serial.isEmpty()) {
            throw Required.missing("ecus.serial");
        }
        return new Ecu(
                serial,
                EcuType.parse(header.cell(cells, "ecuType")),
                header.cell(cells, "hardwareId"),
                header.cell(cells, "hardwareVariant"),
                header.cell(cells, "softwareVersion"),
                header.cell(cells, "imageHash"),
                UpdatePolicy.parse(header.cell(cells, "updatePolicy")),
                primary(header.cell(cells, "primary")));
    }

    private static int year(String cell) {
        if (cell.isEmpty()) {
            throw Required.missing("modelYear");
        }
        try {
            return Integer.parseInt(cell);
        } catch (NumberFormatException e) {
            throw Required.invalid("modelYear", "modelYear '" + cell + "' is not a year");
        }
    }

    private static boolean primary(String cell) {
        if (cell.isEmpty() || "false".equalsIgnoreCase(cell)) {
            return false;
        }
        if ("true".equalsIgnoreCase(cell)) {
            return true;
        }
        throw Required.invalid("ecus.primary", "primary is true, false or empty, not '" + cell + "'");
    }
}
