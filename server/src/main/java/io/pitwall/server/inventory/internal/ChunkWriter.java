package io.pitwall.server.inventory.internal;

import io.pitwall.server.inventory.ImportLine;
import io.pitwall.server.inventory.Vin;
import io.pitwall.server.inventory.persistence.VehicleWriter;
import io.pitwall.server.inventory.persistence.Vehicles;
import io.pitwall.server.shared.persistence.TransactionTuning;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lands one import chunk in one transaction: loads the stored state of its vehicles, plans
 * ({@link ChunkPlan}) and writes only what differs.
 * <p>
 * The first attempt assumes that ECU serials the chunk's own stored vehicles do not hold belong to
 * nobody, which is true of every line of a bulk import of new vehicles, and lets the ECU table's primary
 * key prove it: looking up five serials per vehicle would cost the database more than the insert. A
 * taken serial (or a clash with a concurrent writer: version moved, key taken) rolls the chunk back, and
 * it is planned again on fresh state with every serial's owner looked up, which rejects exactly the
 * lines whose serials belong to other vehicles.
 */
@Component
public class ChunkWriter {

    private static final int ATTEMPTS = 3;
    private final Vehicles vehicles;
    private final VehicleWriter writer;
    private final TransactionTuning tuning;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ChunkWriter(
            Vehicles vehicles,
            VehicleWriter writer,
            TransactionTuning tuning,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.vehicles = vehicles;
        this.writer = writer;
        this.tuning = tuning;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * The committed outcome of the chunk, written when its {@code turn} allows; after repeated clashes
     * every line is rejected.
     */
    public ChunkPlan land(List<ImportLine.Parsed> chunk, ChunkTurn turn) {
        try {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                boolean retry = attempt > 1;
                try {
                    return transactions.execute(status -> write(chunk, turn, retry));
                } catch (ConcurrencyFailureException | DuplicateKeyException e) {
                    // a serial held by a vehicle outside the chunk, or state another writer changed: plan again
                }
            }
            return ChunkPlan.rejectAll(
                    chunk,
                    "concurrent-change",
                    "Another writer changed these vehicles at the same time; import them again");
        } finally {
            turn.finish();
        }
    }

    /** A retry looks up the owner of every serial (see the class comment). */
    private ChunkPlan write(List<ImportLine.Parsed> chunk, ChunkTurn turn, boolean retry) {
        boolean lookUpOwners = retry;
        tuning.freshPlans();
        var stored = vehicles.findAll(
                chunk.stream().map(line -> line.vehicle().vin()).toList());
        // Serials of the chunk's stored vehicles are owned by them; only the others need a lookup.
        Map<String, Vin> owners = new HashMap<>();
        stored.values()
                .forEach(s -> s.vehicle()
                        .ecus()
                        .forEach(e -> owners.put(e.serial(), s.vehicle().vin())));
        if (lookUpOwners) {
            Set<String> unknown = new HashSet<>();
            chunk.forEach(line -> line.vehicle().ecus().forEach(e -> {
                if (!owners.containsKey(e.serial())) {
                    unknown.add(e.serial());
                }
            }));
            owners.putAll(vehicles.ownersOf(unknown));
        }
        var plan = ChunkPlan.of(chunk, stored, owners);
        turn.beforeWrite(plan.updates().isEmpty(), retry);
        OffsetDateTime now =
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        writer.apply(plan.inserts(), plan.updates(), now);
        return plan;
    }
}
