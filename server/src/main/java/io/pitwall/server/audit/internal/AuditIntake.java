package io.pitwall.server.audit.internal;

import io.pitwall.server.audit.AuditEntry;
import io.pitwall.server.audit.persistence.AuditRecords;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes audit entries into the transaction of the change they describe: collected while the transaction
 * runs, written to the intake in one batch just before it commits (so they commit or roll back with the
 * change), and chained by the {@link ChainSealer} right after the commit, before the caller goes on.
 * Outside a transaction an entry gets a transaction of its own.
 */
public final class AuditIntake {

    private static final Logger log = LoggerFactory.getLogger(AuditIntake.class);
    private final AuditRecords records;
    private final ChainSealer sealer;
    private final TransactionTemplate transactions;

    public AuditIntake(AuditRecords records, ChainSealer sealer, TransactionTemplate transactions) {
        this.records = records;
        this.sealer = sealer;
        this.transactions = transactions;
    }

    public void add(AuditEntry entry) {
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            entriesOfThisTransaction().add(entry);
            return;
        }
        transactions.executeWithoutResult(status -> records.enqueue(List.of(entry)));
        sealer.sealCommitted();
    }

    /** Found among the transaction's synchronizations, which Spring suspends and resumes with the transaction. */
    private Entries entriesOfThisTransaction() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Entries entries && entries.intake() == this) {
                return entries;
            }
        }
        var entries = new Entries();
        TransactionSynchronizationManager.registerSynchronization(entries);
        return entries;
    }

    private final class Entries implements TransactionSynchronization {
        private final List<AuditEntry> collected = new ArrayList<>();
        private boolean written;

        AuditIntake intake() {
            return AuditIntake.this;
        }

        void add(AuditEntry entry) {
            if (written) {
                // Published by a synchronization that ran after ours, still inside the transaction.
                records.enqueue(List.of(entry));
            } else {
                collected.add(entry);
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            written = true;
            records.enqueue(collected);
        }

        @Override
        public void afterCommit() {
            try {
                sealer.sealCommitted();
            } catch (RuntimeException e) {
                log.warn("Committed audit records wait in the intake for the next sealing round", e);
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
