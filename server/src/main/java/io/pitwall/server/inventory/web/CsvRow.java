package io.pitwall.server.inventory.web;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a CSV import split into cells (RFC 4180: comma-separated; a cell that starts with a quote
 * runs to its closing quote, {@code ""} inside it is one quote; a quote inside an unquoted cell is text).
 * A record is one line: no inventory field may hold a line break, so a quote still open at the end of
 * its line is an error of that line, and a stray quote costs one row rather than every row up to the
 * next quote. A malformed line keeps the cells read before the error, so its VIN is usually known.
 *
 * @param line      the 1-based line number
 * @param cells     at most the {@code maxCells} first cells
 * @param malformed why the line could not be read whole, {@code null} when it could
 */
record CsvRow(long line, List<String> cells, Malformed malformed) {

    /** A stable code and a reason for the import report. */
    record Malformed(String code, String reason) {}

    static CsvRow parse(long line, String text, int maxCells) {
        List<String> cells = new ArrayList<>();
        int length = text.length();
        int i = 0;
        while (true) {
            String cell;
            if (i < length && text.charAt(i) == '"') {
                var quoted = new StringBuilder();
                int from = i + 1;
                int quote;
                while ((quote = text.indexOf('"', from)) >= 0 && quote + 1 < length && text.charAt(quote + 1) == '"') {
                    quoted.append(text, from, quote + 1);
                    from = quote + 2;
                }
                if (quote < 0) {
                    return malformed(
                            line,
                            cells,
                            "Field " + (cells.size() + 1) + " opens a quote that is not closed on"
                                    + " its line (a field cannot hold a line break)");
                }
                cell = quoted.append(text, from, quote).toString();
                i = quote + 1;
                if (i < length && text.charAt(i) != ',') {
                    return malformed(line, cells, "Field " + (cells.size() + 1) + " has text after its closing quote");
                }
            } else {
                int comma = text.indexOf(',', i);
                int end = comma < 0 ? length : comma;
                cell = text.substring(i, end);
                i = end;
            }
            if (cells.size() < maxCells) {
                cells.add(cell);
            }
            if (i >= length) {
                return new CsvRow(line, cells, null);
            }
            i++;
        }
    }

    /** A line longer than the import's limit, of which only the beginning was kept. */
    static CsvRow tooLong(long line, String beginning, int maxCells, int maxChars) {
        return new CsvRow(
                line,
                parse(line, beginning, maxCells).cells(),
                new Malformed(
                        "line-too-long", "The row is longer than the import limit of " + maxChars + " characters"));
    }

    private static CsvRow malformed(long line, List<String> cells, String reason) {
        return new CsvRow(line, cells, new Malformed("malformed-csv", "CSV syntax error: " + reason));
    }
}
