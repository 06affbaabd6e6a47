package io.pitwall.server.shared.web;

/**
 * One cell of a CSV answer, RFC 4180 and safe to open in a spreadsheet. A value starting with {@code = + - @},
 * a tab or a carriage return would be read as a formula (CSV/formula injection, OWASP), so it gets a leading
 * {@code '} that makes spreadsheets show it as text; then the cell is quoted when it holds a comma, quote, CR
 * or LF (quotes doubled). Every CSV export goes through {@link #of}; numbers the server computes need not.
 */
public final class CsvCells {

    private CsvCells() {}

    /** The cell for the value; {@code null} is an empty cell. */
    public static String of(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = startsLikeFormula(value) ? "'" + value : value;
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static boolean startsLikeFormula(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
