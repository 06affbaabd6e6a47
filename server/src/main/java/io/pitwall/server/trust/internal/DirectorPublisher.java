package io.pitwall.server.trust.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pitwall.server.shared.LeaseGrant;
import io.pitwall.server.shared.Leases;
import io.pitwall.server.trust.DirectorRepository;
import io.pitwall.server.trust.persistence.DirectorFiles;
import io.pitwall.server.trust.spi.DirectorTargets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The director repository's use cases. Changes are rows in {@code director_change}, written in the changing
 * transaction; after its commit a background thread (and, for changes made where the lease is not held or left
 * by a holder that died, a pending round every {@code pending-interval} on every node) regenerates them
 * under the {@code director-regenerator} lease, a batch of vehicles per transaction, signing in parallel and
 * signing the next page while the last one is written ({@link DirectorPages}). A campaign change is walked by
 * VIN; the change row is deleted only when every page is done, so a crash repeats pages, and pages whose
 * content did not change sign nothing. A round given up because other writers kept changing its vehicles
 * ({@link DirectorPages.KeptChanging}) is counted in {@value #CONFLICTS} and logged in one line; its
 * change stays pending for the next round.
 */
class DirectorPublisher implements DirectorRepository, AutoCloseable {

    static final String LEASE = "director-regenerator";
    static final String CONFLICTS = "pitwall.director.regeneration.conflicts";
    private static final Logger log = LoggerFactory.getLogger(DirectorPublisher.class);
    private static final Pattern VERSIONED_ROOT = Pattern.compile("([1-9][0-9]{0,17})\\.root\\.json");
    private final DirectorFiles files;
    private final DirectorRoots roots;
    private final DirectorTargets targets;
    private final DirectorSettings settings;
    private final Leases leases;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "director-regenerator");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    /** One regeneration at a time in this process (the lease keeps other nodes out, not this node's threads). */
    private final ReentrantLock regenerating = new ReentrantLock();

    private final DirectorPages pages;
    private final Counter conflicts;

    DirectorPublisher(
            DirectorFiles files,
            DevelopmentKeys keys,
            DirectorTargets targets,
            DirectorSettings settings,
            Leases leases,
            PlatformTransactionManager transactions,
            Clock clock,
            MeterRegistry meters) {
        this.files = files;
        this.roots = new DirectorRoots(files, keys, settings.rootExpiry());
        this.targets = targets;
        this.settings = settings;
        this.leases = leases;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.pages = new DirectorPages(files, roots, targets, settings, leases, transaction);
        this.conflicts = Counter.builder(CONFLICTS)
                .description("Director regeneration rounds given up because other "
                        + "writers kept changing their vehicles; each is retried by a later round")
                .register(meters);
    }

    @Override
    public void assignmentsChanged(long campaignId) {
        files.recordCampaignChange(campaignId, now().atOffset(ZoneOffset.UTC));
        regenerateAfterCommit();
    }

    @Override
    public void vehicleChanged(String vin) {
        files.recordVehicleChange(Objects.requireNonNull(vin), now().atOffset(ZoneOffset.UTC));
        regenerateAfterCommit();
    }

    @Override
    public Optional<byte[]> file(String vin, String name) {
        Matcher m = VERSIONED_ROOT.matcher(name);
        if (m.matches()) {
            initialize();
            return files.root(Long.parseLong(m.group(1)));
        }
        String role = switch (name) {
            case "root.json" -> "root";
            case "targets.json" -> "targets";
            case "snapshot.json" -> "snapshot";
            case "timestamp.json" -> "timestamp";
            default -> null;
        };
        if (role == null) {
            return Optional.empty();
        }
        if (role.equals("root")) {
            initialize();
            return files.latestRoot().map(f -> f.body());
        }
        Optional<byte[]> body = files.vehicleFile(vin, role);
        if (body.isEmpty()) {
            // First contact: the vehicle gets its first version (possibly an empty target list) now. A
            // regeneration writing the same vehicle at once is no error: whichever writes second signs again.
            regenerate(List.of(vin), false, null);
            body = files.vehicleFile(vin, role);
        }
        return body;
    }

    @Override
    public int regeneratePending() {
        regenerating.lock();
        try {
            return regeneratePendingLocked();
        } finally {
            regenerating.unlock();
        }
    }

    /**
     * The periodic pending round: picks up changes committed where the lease is not held, or left by a holder
     * that died; skipped while this process regenerates already (that run takes what is pending).
     */
    void pendingRound() {
        if (!regenerating.tryLock()) {
            return;
        }
        try {
            regeneratePendingLocked();
        } catch (DirectorPages.KeptChanging conflict) {
            deferred(conflict, "the next round regenerates them");
        } finally {
            regenerating.unlock();
        }
    }

    private int regeneratePendingLocked() {
        var grant = leases.acquire(LEASE, settings.lease());
        if (grant.isEmpty()) {
            return -1;
        }
        int vehicles = 0;
        List<DirectorFiles.Change> changes;
        while (!(changes = transaction.execute(s -> files.pendingChanges(settings.batchSize()))).isEmpty()) {
            List<String> single = new ArrayList<>();
            var run = pages.run();
            try {
                for (DirectorFiles.Change change : changes) {
                    if (change.campaignId() == null) {
                        single.add(change.vin());
                        continue;
                    }
                    String after = "";
                    List<String> page;
                    while (!(page = targets.vehiclesOf(change.campaignId(), after, settings.batchSize())).isEmpty()) {
                        run.submit(page, false, now(), () -> renew(grant.get()));
                        after = page.get(page.size() - 1);
                    }
                }
                if (!single.isEmpty()) {
                    run.submit(single, false, now(), () -> renew(grant.get()));
                }
            } catch (RuntimeException failed) {
                // The write in flight ends before the next round (or the sweep) starts.
                try {
                    run.finish();
                } catch (RuntimeException alsoFailed) {
                    failed.addSuppressed(alsoFailed);
                }
                throw failed;
            }
            vehicles += run.finish();
            List<Long> ids = changes.stream().map(DirectorFiles.Change::id).toList();
            transaction.executeWithoutResult(s -> files.deleteChanges(ids));
        }
        return vehicles;
    }

    /** The periodic round ({@link #sweepRound}); a conflict waits for the next one. */
    void sweep() {
        regenerating.lock();
        try {
            sweepRound();
        } catch (DirectorPages.KeptChanging conflict) {
            deferred(conflict, "the next sweep regenerates them");
        } finally {
            regenerating.unlock();
        }
    }

    /**
     * Pending changes, then vehicles whose metadata has less than half its lifetime left (re-signed with a
     * new version), then the root when the server holds its key and it is due. Runs holding {@code regenerating}.
     */
    private void sweepRound() {
        if (regeneratePendingLocked() < 0) {
            return;
        }
        var grant = leases.acquire(LEASE, settings.lease()).orElse(null);
        if (grant == null) {
            return;
        }
        transaction.executeWithoutResult(s -> roots.renewIfDue(now()));
        List<String> due;
        while (!(due = files.expiringBefore(
                        now().plus(settings.metadataExpiry().dividedBy(2)).atOffset(ZoneOffset.UTC),
                        settings.batchSize()))
                .isEmpty()) {
            regenerate(due, true, renew(grant));
        }
    }

    /** Creates director root 1 when there is none (on any node, once). */
    void initialize() {
        if (files.latestRoot().isPresent()) {
            return;
        }
        try {
            transaction.executeWithoutResult(s -> roots.current(now()));
        } catch (DuplicateKeyException raced) {
            log.debug("Director root 1 was created by another node");
        }
    }

    private LeaseGrant renew(LeaseGrant grant) {
        return leases.acquire(LEASE, settings.lease())
                .orElseThrow(
                        () -> new IllegalStateException("lost the " + LEASE + " lease (term " + grant.term() + ")"));
    }

    /** One page, read, signed and written by the caller: new versions for the vehicles whose content changed. */
    int regenerate(List<String> vins, boolean force, LeaseGrant grant) {
        return pages.write(pages.prepare(vins, force, now()), grant);
    }

    private void regenerateAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            kick();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                kick();
            }
        });
    }

    private void kick() {
        if (queued.compareAndSet(false, true)) {
            background.execute(() -> {
                queued.set(false);
                try {
                    regeneratePending();
                } catch (DirectorPages.KeptChanging conflict) {
                    deferred(conflict, "the periodic sweep regenerates them");
                } catch (RuntimeException e) {
                    log.warn("Director regeneration failed; the periodic sweep retries it", e);
                }
            });
        }
    }

    /** A conflict is normal operation: counted, and one line without a stack trace. */
    private void deferred(DirectorPages.KeptChanging conflict, String retry) {
        conflicts.increment();
        log.info("Director metadata of {} vehicles kept changing under other writers; {}", conflict.vehicles(), retry);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    @Override
    public void close() {
        background.shutdownNow();
        pages.close();
    }
}
