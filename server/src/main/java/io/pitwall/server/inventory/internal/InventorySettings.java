package io.pitwall.server.inventory.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Inventory settings ({@code pitwall.inventory.*}).
 *
 * @param importChunkSize      vehicles read, checked and written per transaction during an import
 * @param maxListedRejections  rejected lines listed in an import report (all are counted)
 * @param maxImportLineChars   longest line (JSON Lines or CSV row) an import accepts
 * @param importWriters        database connections one import writes chunks on at once
 * @param ecuReportInterval    how often a vehicle with ECU keys is asked for fresh ECU-signed version reports
 *                             even when nothing changed (default 24 h)
 */
@ConfigurationProperties("pitwall.inventory")
public record InventorySettings(
        Integer importChunkSize,
        Integer maxListedRejections,
        Integer maxImportLineChars,
        Integer importWriters,
        Duration ecuReportInterval) {

    public InventorySettings {
        importChunkSize = importChunkSize == null ? 1_000 : importChunkSize;
        maxListedRejections = maxListedRejections == null ? 1_000 : maxListedRejections;
        maxImportLineChars = maxImportLineChars == null ? 1_048_576 : maxImportLineChars;
        importWriters = importWriters == null ? 2 : importWriters;
        ecuReportInterval = ecuReportInterval == null ? Duration.ofHours(24) : ecuReportInterval;
        if (ecuReportInterval.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("pitwall.inventory.ecu-report-interval must be at least 1 minute");
        }
        if (importWriters < 1 || importWriters > 8) {
            throw new IllegalArgumentException("pitwall.inventory.import-writers must be 1-8");
        }
        if (importChunkSize < 1 || importChunkSize > 10_000) {
            throw new IllegalArgumentException("pitwall.inventory.import-chunk-size must be 1-10000");
        }
        if (maxListedRejections < 0 || maxImportLineChars < 1_024) {
            throw new IllegalArgumentException("pitwall.inventory limits are too small");
        }
    }
}
