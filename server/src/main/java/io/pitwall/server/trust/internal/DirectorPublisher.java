package io.pitwall.server.trust.internal;

import io.pitwall.server.shared.LeaseGrant;
import io.pitwall.server.shared.Leases;
import io.pitwall.server.trust.DirectorRepository;
import io.pitwall.server.trust.DirectorTarget;
import io.pitwall.server.trust.DirectorTargets;
import io.pitwall.server.trust.persistence.DirectorFiles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * transaction; after its commit a background thread (and the periodic sweep on every node) regenerates them
 * under the {@code director-regenerator} lease, a batch of vehicles per transaction, signing in parallel.
 * A campaign change is walked by VIN; the change row is deleted only when every page is done, so a crash
 * repeats pages, and pages whose content did not change sign nothing.
 */
class DirectorPublisher implements DirectorRepository, AutoCloseable {

    static final String LEASE = "director-regenerator";
    private static final Logger log = LoggerFactory.getLogger(DirectorPublisher.class);
    private static final Pattern VERSIONED_ROOT = Pattern.compile("([1-9][0-9]{0,17})\\.root\\.json");
    private static final Duration LEASE_TTL = Duration.ofMinutes(2);
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

    DirectorPublisher(DirectorFiles files, DevelopmentKeys keys, DirectorTargets targets, DirectorSettings settings,
            Leases leases, PlatformTransactionManager transactions, Clock clock) {
        this.files = files;
        this.roots = new DirectorRoots(files, keys, settings.rootExpiry());
        this.targets = targets;
        this.settings = settings;
        this.leases = leases;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
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
            // First contact: the vehicle gets its first version (possibly an empty target list) now.
            try {
                regenerate(List.of(vin), false, null);
            } catch (DuplicateKeyException raced) {
                log.debug("Director metadata of {} was written concurrently", vin);
            }
            body = files.vehicleFile(vin, role);
        }
        return body;
    }

    @Override
    public int regeneratePending() {
        var grant = leases.acquire(LEASE, LEASE_TTL);
        if (grant.isEmpty()) {
            return -1;
        }
        int vehicles = 0;
        List<DirectorFiles.Change> changes;
        while (!(changes = transaction.execute(s -> files.pendingChanges(settings.batchSize()))).isEmpty()) {
            List<String> single = new ArrayList<>();
            for (DirectorFiles.Change change : changes) {
                if (change.campaignId() == null) {
                    single.add(change.vin());
                    continue;
                }
                String after = "";
                List<String> page;
                while (!(page = targets.vehiclesOf(change.campaignId(), after, settings.batchSize())).isEmpty()) {
                    vehicles += regenerateWithRetry(page, false, renew(grant.get()));
                    after = page.get(page.size() - 1);
                }
            }
            if (!single.isEmpty()) {
                vehicles += regenerateWithRetry(single, false, renew(grant.get()));
            }
            List<Long> ids = changes.stream().map(DirectorFiles.Change::id).toList();
            transaction.executeWithoutResult(s -> files.deleteChanges(ids));
        }
        return vehicles;
    }

    /**
     * The periodic round: pending changes, then vehicles whose metadata has less than half its lifetime left
     * (re-signed with a new version), then the root when the server holds its key and it is due.
     */
    void sweep() {
        if (regeneratePending() < 0) {
            return;
        }
        var grant = leases.acquire(LEASE, LEASE_TTL).orElse(null);
        if (grant == null) {
            return;
        }
        transaction.executeWithoutResult(s -> roots.renewIfDue(now()));
        List<String> due;
        while (!(due = files.expiringBefore(now().plus(settings.metadataExpiry().dividedBy(2)).atOffset(ZoneOffset.UTC),
                settings.batchSize())).isEmpty()) {
            regenerateWithRetry(due, true, renew(grant));
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
        return leases.acquire(LEASE, LEASE_TTL).orElseThrow(() -> new IllegalStateException("lost the " + LEASE
                + " lease (term " + grant.term() + ")"));
    }

    /** A first-contact GET may insert one of the page's vehicles meanwhile: the page is then done again. */
    private int regenerateWithRetry(List<String> vins, boolean force, LeaseGrant grant) {
        try {
            return regenerate(vins, force, grant);
        } catch (DuplicateKeyException raced) {
            return regenerate(vins, force, grant);
        }
    }

    /** One transaction: new versions for the vehicles whose content changed (all of them when forced). */
    int regenerate(List<String> vinList, boolean force, LeaseGrant grant) {
        List<String> vins = List.copyOf(new TreeSet<>(vinList));
        Integer written = transaction.execute(s -> {
            if (grant != null && !leases.stillHeld(grant)) {
                throw new IllegalStateException("lost the " + LEASE + " lease");
            }
            Instant now = now();
            Map<String, DirectorFiles.Stored> stored = files.lock(vins);
            // Keys are read after the rows are locked, so a key rotation re-signing these rows (DirectorRootUpdates)
            // is wholly before or after this page, never between reading the old keys and writing.
            var signers = roots.signers(roots.current(now));
            Map<String, List<DirectorTarget>> desired = targets.of(vins);
            Instant expires = now.plus(settings.metadataExpiry());
            List<DirectorFiles.VehicleFiles> signed = vins.parallelStream().map(vin -> {
                var content = DirectorMetadata.content(vin, desired.getOrDefault(vin, List.of()));
                String hash = DirectorMetadata.contentHash(content);
                DirectorFiles.Stored before = stored.get(vin);
                if (before != null && !force && before.contentSha256().equals(hash)) {
                    return null;
                }
                return DirectorMetadata.sign(vin, content, hash, before == null ? 1 : before.version() + 1, expires,
                        signers);
            }).filter(Objects::nonNull).toList();
            List<DirectorFiles.VehicleFiles> updates = new ArrayList<>();
            List<DirectorFiles.VehicleFiles> inserts = new ArrayList<>();
            signed.forEach(f -> (stored.containsKey(f.vin()) ? updates : inserts).add(f));
            files.write(updates, inserts, now.atOffset(ZoneOffset.UTC));
            return signed.size();
        });
        return written == null ? 0 : written;
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
                } catch (RuntimeException e) {
                    log.warn("Director regeneration failed; the periodic sweep retries it", e);
                }
            });
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
