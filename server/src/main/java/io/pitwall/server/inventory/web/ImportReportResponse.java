package io.pitwall.server.inventory.web;

import io.pitwall.server.inventory.ImportReport;
import java.util.List;

/** The answer to an import: the counts and the first rejected lines (all are counted). */
record ImportReportResponse(
        long received,
        long created,
        long updated,
        long unchanged,
        long rejected,
        List<Rejected> rejections,
        boolean rejectionsTruncated) {

    record Rejected(long line, String vin, String code, String reason) {}

    static ImportReportResponse of(ImportReport report) {
        return new ImportReportResponse(
                report.received(),
                report.created(),
                report.updated(),
                report.unchanged(),
                report.rejected(),
                report.rejections().stream()
                        .map(r -> new Rejected(r.line(), r.vin(), r.code(), r.reason()))
                        .toList(),
                report.rejectionsTruncated());
    }
}
