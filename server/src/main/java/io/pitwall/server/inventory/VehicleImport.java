package io.pitwall.server.inventory;

import io.pitwall.server.inventory.ImportReport.RejectedLine;
import io.pitwall.server.inventory.internal.ChunkPlan;
import io.pitwall.server.inventory.internal.ImportTally;
import io.pitwall.server.inventory.internal.InventorySettings;
import io.pitwall.server.inventory.internal.ReadAhead;
import io.pitwall.server.inventory.persistence.VehicleWriter;
import io.pitwall.server.inventory.persistence.Vehicles;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports vehicles from a stream as upserts by VIN, in chunks: each chunk's stored state is loaded with
 * a few set-based queries, compared, and only what differs is written, in one transaction per chunk.
 * So a vehicle lands with all its ECUs or not at all, an unchanged vehicle keeps its version, re-running
 * an import changes nothing, and memory stays bounded by the chunk size whatever the input's length.
 * Parsing runs one step ahead on its own thread ({@link ReadAhead}) so it overlaps the writes.
 * One audit record with the counts is written per import.
 */
@Service
public class VehicleImport {

    private static final int ATTEMPTS = 3;
    private final Vehicles vehicles;
    private final VehicleWriter writer;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final InventorySettings settings;
    private final Clock clock;

    VehicleImport(Vehicles vehicles, VehicleWriter writer, PlatformTransactionManager transactionManager,
            ApplicationEventPublisher events, InventorySettings settings, Clock clock) {
        this.vehicles = vehicles;
        this.writer = writer;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.settings = settings;
        this.clock = clock;
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
            throw new ApiException(400, "import-interrupted", "The request body broke off after "
                    + tally.receivedCount() + " vehicles; the vehicles counted as created or updated have landed",
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
        Set<Vin> vinsInChunk = new HashSet<>();
        try (var lines = ReadAhead.start(source)) {
            for (ImportLine line = lines.next(); line != null; line = lines.next()) {
                tally.received();
                if (line instanceof ImportLine.Unreadable bad) {
                    tally.reject(new RejectedLine(bad.line(), bad.vin(), bad.code(), bad.reason()));
                    continue;
                }
                var parsed = (ImportLine.Parsed) line;
                if (!vinsInChunk.add(parsed.vehicle().vin())) {
                    // a VIN seen twice is applied in input order: the earlier line lands first
                    land(chunk, vinsInChunk, tally);
                    vinsInChunk.add(parsed.vehicle().vin());
                }
                chunk.add(parsed);
                if (chunk.size() >= settings.importChunkSize()) {
                    land(chunk, vinsInChunk, tally);
                }
            }
            land(chunk, vinsInChunk, tally);
        }
    }

    private void land(List<ImportLine.Parsed> chunk, Set<Vin> vinsInChunk, ImportTally tally) {
        if (chunk.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                tally.landed(transactions.execute(status -> write(chunk)));
                break;
            } catch (ConcurrencyFailureException | DuplicateKeyException e) {
                if (attempt == ATTEMPTS) {
                    chunk.forEach(line -> tally.reject(new RejectedLine(line.line(), line.vehicle().vin().value(),
                            "concurrent-change", "Another writer changed these vehicles at the same time; import again")));
                    break;
                }
            }
        }
        chunk.clear();
        vinsInChunk.clear();
    }

    private ChunkPlan write(List<ImportLine.Parsed> chunk) {
        var stored = vehicles.findAll(chunk.stream().map(line -> line.vehicle().vin()).toList());
        // Serials of the chunk's stored vehicles are owned by them; only the others need a lookup.
        Map<String, Vin> owners = new HashMap<>();
        stored.values().forEach(s -> s.vehicle().ecus().forEach(e -> owners.put(e.serial(), s.vehicle().vin())));
        Set<String> unknown = new HashSet<>();
        chunk.forEach(line -> line.vehicle().ecus().forEach(e -> {
            if (!owners.containsKey(e.serial())) {
                unknown.add(e.serial());
            }
        }));
        owners.putAll(vehicles.ownersOf(unknown));
        var plan = ChunkPlan.of(chunk, stored, owners);
        writer.apply(plan.inserts(), plan.updates(), Timestamps.now(clock));
        return plan;
    }

    private void audit(String format, ImportTally tally, String aborted) {
        var details = new LinkedHashMap<String, Object>(tally.counts());
        details.put("format", format);
        if (aborted != null) {
            details.put("aborted", aborted);
        }
        transactions.executeWithoutResult(status ->
                events.publishEvent(Audited.succeeded("vehicle.import", "vehicles", Map.copyOf(details))));
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
