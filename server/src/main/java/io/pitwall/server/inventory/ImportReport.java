package io.pitwall.server.inventory;

import java.util.List;

/**
 * The outcome of an import. Every vehicle read is counted exactly once as created, updated, unchanged
 * or rejected; {@code rejections} lists the first rejected lines (up to the configured cap) while
 * {@code rejected} counts all of them.
 */
public record ImportReport(
        long received, long created, long updated, long unchanged, long rejected, List<RejectedLine> rejections) {

    public ImportReport {
        rejections = List.copyOf(rejections);
    }

    /** A vehicle that did not land, where it was in the input and why. */
    public record RejectedLine(long line, String vin, String code, String reason) {}

    public boolean rejectionsTruncated() {
        return rejections.size() < rejected;
    }
}
