package io.pitwall.server.trust.internal;

import io.pitwall.server.shared.LeaseGrant;
import io.pitwall.server.shared.Leases;
import io.pitwall.server.trust.persistence.DirectorFiles;
import io.pitwall.server.trust.spi.DirectorTarget;
import io.pitwall.server.trust.spi.DirectorTargets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Regenerates the director metadata of pages of vehicles. A page is prepared outside any transaction (stored
 * versions and desired targets read, the changed vehicles signed in parallel), then written in one transaction
 * that replaces only the versions it read ({@link DirectorFiles#write}); vehicles another writer (a first
 * fetch, an overlapping page) changed meanwhile are read and signed again inside that transaction. So no row
 * is locked while signing, and a {@link Run} signs page N+1 while page N is written on the writer thread.
 */
final class DirectorPages implements AutoCloseable {

    /** A page read and signed at {@code now}: the files of the vehicles whose content changed. */
    record Prepared(List<String> vins, boolean force, Instant now, List<DirectorFiles.VehicleFiles> signed) {}

    private static final int ATTEMPTS = 5;
    private final DirectorFiles files;
    private final DirectorRoots roots;
    private final DirectorTargets targets;
    private final DirectorSettings settings;
    private final Leases leases;
    private final TransactionTemplate transaction;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "director-writer");
        thread.setDaemon(true);
        return thread;
    });

    DirectorPages(
            DirectorFiles files,
            DirectorRoots roots,
            DirectorTargets targets,
            DirectorSettings settings,
            Leases leases,
            TransactionTemplate transaction) {
        this.files = files;
        this.roots = roots;
        this.targets = targets;
        this.settings = settings;
        this.leases = leases;
        this.transaction = transaction;
    }

    /** Reads and signs: the vehicles whose content changed (all of them when forced), each at its version + 1. */
    Prepared prepare(List<String> vinList, boolean force, Instant now) {
        List<String> vins = List.copyOf(new TreeSet<>(vinList));
        var signers = transaction.execute(s -> roots.signers(roots.current(now)));
        Map<String, DirectorFiles.Stored> stored = files.stored(vins);
        Map<String, List<DirectorTarget>> desired = targets.of(vins);
        Instant expires = now.plus(settings.metadataExpiry());
        List<DirectorFiles.VehicleFiles> signed = vins.parallelStream()
                .map(vin -> {
                    var content = DirectorMetadata.Content.of(vin, desired.getOrDefault(vin, List.of()));
                    DirectorFiles.Stored before = stored.get(vin);
                    if (before != null && !force && before.contentSha256().equals(content.sha256())) {
                        return null;
                    }
                    return DirectorMetadata.sign(
                            vin, content, before == null ? 1 : before.version() + 1, expires, signers);
                })
                .filter(Objects::nonNull)
                .toList();
        return new Prepared(vins, force, now, signed);
    }

    /** Writes a prepared page in one transaction (under {@code grant} unless null); answers the files written. */
    int write(Prepared page, LeaseGrant grant) {
        Integer written = transaction.execute(s -> {
            if (grant != null && !leases.stillHeld(grant)) {
                throw new IllegalStateException("lost the " + DirectorPublisher.LEASE + " lease");
            }
            int count = 0;
            Prepared current = page;
            for (int attempt = 1; ; attempt++) {
                Set<String> lost = files.write(current.signed(), current.now().atOffset(ZoneOffset.UTC));
                count += current.signed().size() - lost.size();
                if (lost.isEmpty()) {
                    return count;
                }
                if (attempt == ATTEMPTS) {
                    throw new KeptChanging(lost.size());
                }
                current = prepare(List.copyOf(lost), current.force(), current.now());
            }
        });
        return written == null ? 0 : written;
    }

    /**
     * Other writers changed some of a page's vehicles through every attempt: the page is rolled back and its
     * change left pending, so a later round regenerates it. Normal under contention, not a fault.
     */
    static final class KeptChanging extends ConcurrencyFailureException {

        private final int vehicles;

        KeptChanging(int vehicles) {
            super("director metadata of " + vehicles + " vehicles kept changing under regeneration");
            this.vehicles = vehicles;
        }

        int vehicles() {
            return vehicles;
        }
    }

    /** A run of pages: each one is prepared by the caller while the one before is written on the writer thread. */
    Run run() {
        return new Run();
    }

    final class Run {

        private Future<Integer> writing;
        private int written;

        /**
         * Prepares the page, then waits for the write before it and renews the lease: renewing earlier would
         * wait anyway, because a write holds the lease row until it commits ({@link Leases#stillHeld}).
         */
        void submit(List<String> vins, boolean force, Instant now, Supplier<LeaseGrant> lease) {
            Prepared page = prepare(vins, force, now);
            awaitWrite();
            LeaseGrant grant = lease.get();
            writing = writer.submit(() -> write(page, grant));
        }

        /** Waits for the last write; answers the files written by the whole run. */
        int finish() {
            awaitWrite();
            return written;
        }

        private void awaitWrite() {
            if (writing == null) {
                return;
            }
            try {
                written += writing.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing director metadata", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r
                        ? r
                        : new IllegalStateException("writing director metadata failed", e.getCause());
            } finally {
                writing = null;
            }
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
