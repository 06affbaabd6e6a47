package io.pitwall.server.inventory.web;

import io.pitwall.server.inventory.ImportLine;
import io.pitwall.server.inventory.ImportSource;
import io.pitwall.server.shared.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * CSV ({@code text/csv}, RFC 4180, UTF-8, comma-separated, header row first): one row per ECU, the
 * vehicle's columns repeated on each of its rows, and the rows of one VIN adjacent.
 *
 * <pre>
 * vin,model,modelYear,region,market,customerType,connectivity,tags,attr.trim,ecuSerial,ecuType,hardwareId,hardwareVariant,softwareVersion,imageHash,updatePolicy,primary
 * WP0ZZZ99ZTS392124,Taycan,2024,EU,DE,RETAIL,LTE,pilot;internal,GTS,SN-0001,GATEWAY,HW-GW-1,rev-b,1.4.2,,REMOTE,true
 * WP0ZZZ99ZTS392124,Taycan,2024,EU,DE,RETAIL,LTE,pilot;internal,GTS,SN-0002,BMS,HW-BMS-7,,3.0.0,,SERVICE_ONLY,false
 * </pre>
 *
 * Required columns: {@link CsvHeader#REQUIRED}; optional: {@code tags} (separated by {@code ;}),
 * {@code hardwareVariant}, {@code imageHash}, {@code primary} ({@code true}/{@code false}, empty = false)
 * and any number of {@code attr.<name>} columns (an empty cell = no such attribute). A vehicle without
 * ECUs is one row with every ECU column empty. Blank lines are skipped. This layout streams: a vehicle is
 * complete as soon as the VIN changes, so memory holds one vehicle whatever the file's size. A row is
 * one line ({@link CsvRow}); a malformed row (a stray quote, a line over the limit) rejects the vehicle
 * of its VIN and the import goes on with the next vehicle. Rows of a VIN that reappears later are a
 * second vehicle with that VIN, which the import rejects.
 */
final class CsvVehicleSource implements ImportSource {

    private final LineReader lines;
    private final int maxLineChars;
    private final CsvHeader header;
    private CsvRow pending;

    private CsvVehicleSource(LineReader lines, int maxLineChars) throws IOException {
        this.lines = lines;
        this.maxLineChars = maxLineChars;
        var names = readRow(10_000);
        if (names == null) {
            throw ApiException.badRequest("empty-import", "The CSV contains no header and no vehicles");
        }
        if (names.malformed() != null) {
            throw ApiException.badRequest(
                    "invalid-csv-header",
                    "The header row is unreadable: " + names.malformed().reason());
        }
        this.header = CsvHeader.of(names.cells());
    }

    static CsvVehicleSource open(InputStream body, int maxLineChars) throws IOException {
        return new CsvVehicleSource(
                new LineReader(new InputStreamReader(body, StandardCharsets.UTF_8), maxLineChars), maxLineChars);
    }

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public ImportLine next() throws IOException {
        var first = pending != null ? pending : readRow(header.width() + 1);
        pending = null;
        if (first == null) {
            return null;
        }
        var group = new CsvVehicleGroup(header, first);
        CsvRow row;
        while ((row = readRow(header.width() + 1)) != null && group.takes(row)) {
            group.add(row);
        }
        pending = row;
        return group.toLine();
    }

    /** The next non-blank row with at most {@code maxCells} cells kept, {@code null} at the end. */
    private CsvRow readRow(int maxCells) throws IOException {
        for (var line = lines.next(); line != null; line = lines.next()) {
            if (line.tooLong()) {
                return CsvRow.tooLong(line.number(), line.text(), maxCells, maxLineChars);
            }
            if (!line.text().isBlank()) {
                return CsvRow.parse(line.number(), line.text(), maxCells);
            }
        }
        return null;
    }
}
