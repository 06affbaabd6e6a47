package io.pitwall.server.inventory.web;

import io.pitwall.server.inventory.ImportLine;
import io.pitwall.server.inventory.ImportSource;
import io.pitwall.server.shared.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Lines ({@code application/x-ndjson}): one vehicle per line, in the shape of a create request
 * ({@link VehicleBody}), ECUs inline. Blank lines are skipped; a line that is not such a JSON object,
 * is longer than the limit, or fails validation is rejected with its line number and the rest go on.
 */
final class NdjsonVehicleSource implements ImportSource {

    private final LineReader lines;
    private final ObjectReader reader;

    NdjsonVehicleSource(InputStream body, JsonMapper json, int maxLineChars) {
        this.lines = new LineReader(new InputStreamReader(body, StandardCharsets.UTF_8), maxLineChars);
        this.reader = json.readerFor(VehicleBody.class);
    }

    @Override
    public String format() {
        return "ndjson";
    }

    @Override
    public ImportLine next() throws IOException {
        for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
            if (line.tooLong()) {
                return new ImportLine.Unreadable(
                        line.number(), null, "line-too-long", "The line is longer than the import limit");
            }
            if (!line.text().isBlank()) {
                return parse(line.number(), line.text());
            }
        }
        return null;
    }

    private ImportLine parse(long number, String text) {
        VehicleBody body;
        try {
            body = reader.readValue(text);
        } catch (JacksonException e) {
            return new ImportLine.Unreadable(
                    number,
                    null,
                    "malformed-line",
                    "Not a JSON object describing a vehicle: " + firstLine(e.getOriginalMessage()));
        }
        if (body == null) {
            return new ImportLine.Unreadable(number, null, "malformed-line", "Not a JSON object describing a vehicle");
        }
        try {
            return new ImportLine.Parsed(number, body.toVehicle());
        } catch (ApiException e) {
            return new ImportLine.Unreadable(number, body.vin(), e.code(), e.getMessage());
        }
    }

    private static String firstLine(String message) {
        String first = message == null ? "" : message.lines().findFirst().orElse("");
        return first.length() > 200 ? first.substring(0, 200) : first;
    }
}
