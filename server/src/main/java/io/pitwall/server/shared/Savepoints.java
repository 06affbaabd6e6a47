package io.pitwall.server.shared;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Insert unless someone else just did", portable to H2 and PostgreSQL (neither {@code ON CONFLICT} nor
 * MERGE is race-free on both). The insert runs under a savepoint: when a concurrent transaction inserted
 * the same key first, the database waits for it, reports a duplicate, and only the savepoint is rolled
 * back, so the caller's transaction goes on and can read (or lock) the row the other one created.
 */
@Component
public class Savepoints {

    private final TransactionTemplate nested;

    Savepoints(PlatformTransactionManager transactions) {
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Runs the insert; returns false when the row already existed (the insert is then undone). */
    public boolean insertIfAbsent(Runnable insert) {
        try {
            nested.executeWithoutResult(status -> insert.run());
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }
}
