package io.pitwall.server.privacy;

import io.pitwall.server.privacy.persistence.PersonalDataRows;
import io.pitwall.server.shared.LeaseGrant;
import io.pitwall.server.shared.Leases;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enforces {@link PrivacySettings#retentions()}: location and driver-behaviour signals older than their
 * retention are cut out of every stored copy ({@link DataCatalogue#signalColumns()}); with a diagnostic
 * retention, each module deletes its older diagnostic rows ({@link PersonalDataContribution#diagnosticRetention()}:
 * DTC reports, their observations and the pattern rollup's days before the cutoff).
 * Runs on one node at a time (lease {@value #LEASE}, {@code purge-lease} long and renewed before every batch), in
 * transactions of at most {@code purgeBatch} rows, each re-checking the lease: killed at any point, it has purged
 * whole batches and the next round goes on from the stored state (what is purged no longer matches). Not audited: nothing is decided, the configuration is.
 */
@Component
public class RetentionPurge {

    static final String LEASE = "privacy-retention";
    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);
    private final PersonalDataRows rows;
    private final DataCatalogue catalogue;
    private final PrivacySettings settings;
    private final Leases leases;
    private final TransactionTemplate transactions;
    private final Clock clock;

    RetentionPurge(
            PersonalDataRows rows,
            DataCatalogue catalogue,
            PrivacySettings settings,
            Leases leases,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.rows = rows;
        this.catalogue = catalogue;
        this.settings = settings;
        this.leases = leases;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** One purge round; the rows changed per class (empty when another node holds the lease). */
    public Map<DataClass, Long> purgeOnce() {
        Optional<LeaseGrant> grant = leases.acquire(LEASE, settings.purgeLease());
        if (grant.isEmpty()) {
            return Map.of();
        }
        Held held = new Held(grant.get());
        Instant now = clock.instant();
        Map<DataClass, Long> purged = new EnumMap<>(DataClass.class);
        settings.retentions().forEach((dataClass, keep) -> {
            Instant cutoff = now.minus(keep);
            long count =
                    dataClass == DataClass.DIAGNOSTIC ? diagnostics(held, cutoff) : signals(held, dataClass, cutoff);
            purged.put(dataClass, count);
        });
        log.info("Retention purge: {}", purged);
        return purged;
    }

    private long signals(Held grant, DataClass dataClass, Instant cutoff) {
        SignalRedaction redaction = new SignalRedaction(java.util.Set.of(dataClass));
        String like = SignalRedaction.likePattern(dataClass);
        long total = 0;
        for (DataCatalogue.SignalColumn column : catalogue.signalColumns()) {
            total += batches(grant, () -> {
                var found = rows.signalRows(column, like, cutoff, null, settings.purgeBatch());
                int changed = 0;
                for (var row : found) {
                    String redacted = redaction.strip(row.text());
                    if (!redacted.equals(row.text())) {
                        changed += rows.replaceSignals(column, row, redacted);
                    }
                }
                if (changed == 0 && !found.isEmpty()) {
                    log.warn(
                            "{} rows of {}.{} name {} signals that cannot be cut out",
                            found.size(),
                            column.table(),
                            column.column(),
                            dataClass.code());
                }
                return found.size() < settings.purgeBatch() ? -changed - 1 : changed;
            });
        }
        return total;
    }

    private long diagnostics(Held grant, Instant cutoff) {
        long total = 0;
        for (PersonalDataContribution contribution : catalogue.contributions()) {
            for (PersonalDataContribution.RetentionStep step : contribution.diagnosticRetention()) {
                total += batches(grant, () -> step.deleteBatch(cutoff, settings.purgeBatch()));
            }
        }
        return total;
    }

    /** The purge's hold on its lease, renewed (same term) before every batch. */
    private final class Held {

        private LeaseGrant grant;

        Held(LeaseGrant grant) {
            this.grant = grant;
        }

        /** The renewed grant; null when the lease went to another node (or this one is stopping). */
        LeaseGrant renew() {
            long term = grant.term();
            grant = leases.acquire(LEASE, settings.purgeLease())
                    .filter(g -> g.term() == term)
                    .orElse(null);
            return grant;
        }
    }

    /**
     * Runs batches, each in its own transaction under the lease (renewed first), until one reports it was the
     * last (a negative result {@code -n - 1} for {@code n} rows changed) or a batch changed nothing, or the lease
     * was lost.
     */
    private long batches(Held held, IntSupplier batch) {
        long total = 0;
        while (true) {
            LeaseGrant grant = held.grant == null ? null : held.renew();
            Integer result = grant == null
                    ? null
                    : transactions.execute(status -> leases.stillHeld(grant) ? batch.getAsInt() : null);
            if (result == null) {
                log.info("Retention purge stopped: lease {} lost", LEASE);
                return total;
            }
            total += result < 0 ? -(result + 1) : result;
            if (result <= 0) {
                return total;
            }
        }
    }
}
