package io.pitwall.server.inventory.web;

import io.pitwall.server.inventory.ImportLine;
import io.pitwall.server.inventory.ImportSource;
import io.pitwall.server.shared.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.dataformat.csv.CsvFactory;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

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
 * ECUs is one row with every ECU column empty. This layout streams: a vehicle is complete as soon as the
 * VIN changes, so memory holds one vehicle whatever the file's size. Rows of a VIN that reappears later
 * form a second vehicle that replaces the first, as a second import would. A syntax error (an unclosed
 * quote) ends the import at that line; everything before it is imported.
 */
final class CsvVehicleSource implements ImportSource {

    private final JsonParser parser;
    private final CsvHeader header;
    private CsvVehicleGroup.Row pending;
    private ImportLine.Unreadable broken;
    private boolean ended;

    private CsvVehicleSource(JsonParser parser) throws IOException {
        this.parser = parser;
        var names = readRow();
        if (names == null) {
            throw ApiException.badRequest("empty-import", "The CSV contains no header and no vehicles");
        }
        this.header = CsvHeader.of(names.cells());
    }

    static CsvVehicleSource open(InputStream body, int maxFieldChars) throws IOException {
        var factory = CsvFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxFieldChars).build())
                .enable(CsvReadFeature.SKIP_EMPTY_LINES)
                .build();
        return new CsvVehicleSource(CsvMapper.builder(factory).build().createParser(body));
    }

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public ImportLine next() throws IOException {
        var first = pending != null ? pending : readRow();
        pending = null;
        if (first == null) {
            var last = broken;
            broken = null;
            return last;
        }
        var group = new CsvVehicleGroup(header, first);
        CsvVehicleGroup.Row row;
        while ((row = readRow()) != null && header.cell(row.cells(), "vin").equals(group.vin())) {
            group.add(row);
        }
        pending = row;
        return group.toLine();
    }

    private CsvVehicleGroup.Row readRow() throws IOException {
        if (ended) {
            return null;
        }
        long line = 0;
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                ended = true;
                return null;
            }
            List<String> cells = new ArrayList<>();
            int limit = header == null ? 10_000 : header.width() + 1;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
                if (cells.isEmpty()) {
                    // the row's own line is known at its first value, not at the array start
                    line = parser.currentTokenLocation().getLineNr();
                }
                if (cells.size() < limit) {
                    cells.add(parser.getString());
                }
            }
            return new CsvVehicleGroup.Row(line, cells);
        } catch (JacksonIOException e) {
            throw e.getCause() != null ? e.getCause() : new IOException(e);
        } catch (JacksonException e) {
            ended = true;
            broken = new ImportLine.Unreadable(Math.max(line, parser.currentLocation().getLineNr()), null,
                    "malformed-csv", "CSV syntax error, the import stopped here: " + e.getOriginalMessage());
            return null;
        }
    }
}
