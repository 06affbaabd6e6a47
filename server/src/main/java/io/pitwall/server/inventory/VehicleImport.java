package io.pitwall.server.inventory;

import io.pitwall.server.inventory.ImportReport.RejectedLine;
import io.pitwall.server.inventory.internal.ChunkWriter;
import io.pitwall.server.inventory.internal.ImportPipeline;
import io.pitwall.server.inventory.internal.ImportTally;
import io.pitwall.server.inventory.internal.InventorySettings;
import io.pitwall.server.inventory.internal.ReadAhead;
import io.pitwall.server.inventory.internal.VinSet;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports vehicles from a stream as upserts by VIN, in chunks ({@link ChunkWriter}): each chunk's stored
 * state is loaded with a few set-based queries, compared, and only what differs is written, in one
 * transaction per chunk.
 * So a vehicle lands with all its ECUs or not at all, an unchanged vehicle keeps its version, re-running
 * an import changes nothing, and memory stays bounded by the chunk size whatever the input's length, but
 * for the import's VINs ({@link VinSet}, 18-36 bytes each).
 * Parsing runs one step ahead on its own thread ({@link ReadAhead}) so it overlaps the writes, and
 * chunks whose outcome cannot depend on their order are written on two connections at once
 * ({@link ImportPipeline}).
 * One audit record with the counts is written per import.
 * <p>
 * An import gives each vehicle once: a line whose VIN an earlier line gave (in CSV, rows of a VIN that are
 * not adjacent to its first rows) is rejected as {@code duplicate-vin}, whatever became of the earlier
 * line, whose vehicle stands as written. Applying the later line would silently replace the earlier one
 * (a CSV's earlier ECUs would vanish); merging them would hold every vehicle until the input ends. So
 * each chunk holds distinct VINs and no two chunks share one.
 */
@Service
public class VehicleImport {

    private static final String DUPLICATE_VIN = "duplicate-vin";

    private final ChunkWriter chunks;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final InventorySettings settings;

    VehicleImport(
            ChunkWriter chunks,
            PlatformTransactionManager transactionManager,
            ApplicationEventPublisher events,
            InventorySettings settings) {
        this.chunks = chunks;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.settings = settings;
    }

    /**
     * Reads the source to its end and lands every valid vehicle. An empty source is refused
     * ({@code empty-import}); a source that breaks off (client gone) keeps the chunks already landed,
     * audits them and is answered {@code import-interrupted}.
     */
    public ImportReport run(ImportSource source) {
        var tally = new ImportTally(settings.maxListedRejections());
        try {
            readAll(source, tally);
        } catch (IOException e) {
            audit(source.format(), tally, "interrupted");
            throw new ApiException(
                    400,
                    "import-interrupted",
                    "The request body broke off after " + tally.receivedCount()
                            + " vehicles; the vehicles counted as created or updated have landed",
                    tally.counts());
        } catch (RuntimeException e) {
            if (tally.landedAny()) {
                auditQuietly(source.format(), tally, e);
            }
            throw e;
        }
        if (tally.receivedCount() == 0) {
            throw ApiException.badRequest("empty-import", "The import contains no vehicles");
        }
        audit(source.format(), tally, null);
        return tally.report();
    }

    private void readAll(ImportSource source, ImportTally tally) throws IOException {
        List<ImportLine.Parsed> chunk = new ArrayList<>();
        var seen = new VinSet();
        try (var lines = ReadAhead.start(source);
                var pipeline = new ImportPipeline(chunks, tally, settings.importWriters())) {
            for (ImportLine line = lines.next(); line != null; line = lines.next()) {
                tally.received();
                if (line instanceof ImportLine.Unreadable bad) {
                    seen.seenBefore(bad.vin());
                    tally.reject(new RejectedLine(bad.line(), bad.vin(), bad.code(), bad.reason()));
                    continue;
                }
                var parsed = (ImportLine.Parsed) line;
                String vin = parsed.vehicle().vin().value();
                if (seen.seenBefore(vin)) {
                    tally.reject(new RejectedLine(
                            parsed.line(),
                            vin,
                            DUPLICATE_VIN,
                            "Vehicle " + vin
                                    + " appeared earlier in this import; an import gives each vehicle once (in CSV, all"
                                    + " rows of a VIN adjacent), so this line was not applied"));
                    continue;
                }
                chunk.add(parsed);
                if (chunk.size() >= settings.importChunkSize()) {
                    pipeline.submit(chunk);
                    chunk = new ArrayList<>();
                }
            }
            if (!chunk.isEmpty()) {
                pipeline.submit(chunk);
            }
        }
    }

    private void audit(String format, ImportTally tally, String aborted) {
        var details = new LinkedHashMap<String, Object>(tally.counts());
        details.put("format", format);
        if (aborted != null) {
            details.put("aborted", aborted);
        }
        transactions.executeWithoutResult(
                status -> events.publishEvent(Audited.succeeded("vehicle.import", "vehicles", Map.copyOf(details))));
    }

    /** What landed before a failure is still audited, unless the database itself is what failed. */
    private void auditQuietly(String format, ImportTally tally, RuntimeException failure) {
        try {
            audit(format, tally, "failed");
        } catch (RuntimeException again) {
            failure.addSuppressed(again);
        }
    }
}
