package io.pitwall.server.diagnostics.web;

import io.pitwall.server.diagnostics.FaultPatterns;
import io.pitwall.server.shared.web.CsvCells;

/**
 * Recurring patterns as RFC 4180 CSV: header row, CRLF line ends, one row per pattern and trend bucket (the
 * pattern's totals repeated on each), a field quoted when it holds a comma, quote, CR or LF (quotes doubled).
 * Unknown model, ECU type or firmware are empty fields; text that a spreadsheet would run as a formula is
 * neutralized ({@link CsvCells}).
 */
final class PatternCsv {

    static final String HEADER = "code,model,ecu_type,firmware_version,observations,vehicles,"
            + "bucket_start,bucket_observations,bucket_vehicles";

    private PatternCsv() {}

    static String of(FaultPatterns answer) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (FaultPatterns.Pattern p : answer.patterns()) {
            for (FaultPatterns.Point point : p.trend()) {
                csv.append(field(p.code()))
                        .append(',')
                        .append(field(p.model()))
                        .append(',')
                        .append(field(p.ecuType()))
                        .append(',')
                        .append(field(p.firmwareVersion()))
                        .append(',')
                        .append(p.observations())
                        .append(',')
                        .append(p.vehicles())
                        .append(',')
                        .append(point.start())
                        .append(',')
                        .append(point.observations())
                        .append(',')
                        .append(point.vehicles())
                        .append("\r\n");
            }
        }
        return csv.toString();
    }

    static String field(String value) {
        return CsvCells.of(value);
    }
}
