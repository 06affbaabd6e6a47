package io.pitwall.server.diagnostics.internal;

import io.pitwall.server.diagnostics.persistence.PatternDeltas;
import io.pitwall.server.diagnostics.persistence.PatternDeltas.Delta;
import io.pitwall.server.diagnostics.persistence.PatternRows.DayKey;
import io.pitwall.server.shared.Leases;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds the rows ingestion appended to fault_pattern_delta into fault_pattern_count: per transaction, the
 * oldest rows are read, summed per key, merged into the counts (keys in one global order) and exactly those
 * rows deleted. One node folds at a time (a lock held until commit), so a key's first count row is never
 * inserted twice. Killed at any point, the transaction rolls back and the rows are folded by the next round:
 * nothing is lost or counted twice. The patterns query reads both tables, so folding changes no answer.
 */
@Component
class PatternFold {

    static final String LOCK = "fault-pattern-fold";
    static final int BATCH = 20_000;
    private static final Logger log = LoggerFactory.getLogger(PatternFold.class);
    private final PatternDeltas deltas;
    private final Leases leases;
    private final TransactionTemplate transactions;

    PatternFold(PatternDeltas deltas, Leases leases, PlatformTransactionManager transactionManager) {
        this.deltas = deltas;
        this.leases = leases;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Folds until no appended row is left (rows appended meanwhile included); returns the rows folded. */
    long foldAll() {
        long total = 0;
        int folded;
        do {
            folded = foldOnce();
            total += folded;
        } while (folded == BATCH);
        if (total > 0) {
            log.debug("Folded {} fault pattern rows", total);
        }
        return total;
    }

    /** One transaction: at most {@value #BATCH} rows; returns how many were folded. */
    int foldOnce() {
        Integer folded = transactions.execute(status -> {
            leases.lockUntilCommit(LOCK);
            List<Delta> rows = deltas.oldest(BATCH);
            if (rows.isEmpty()) {
                return 0;
            }
            Map<DayKey, Long> sums = new TreeMap<>(DayKey.ORDER);
            rows.forEach(row -> sums.merge(row.key(), row.observations(), Long::sum));
            deltas.addToCounts(sums);
            deltas.delete(rows.stream().map(Delta::id).toList());
            return rows.size();
        });
        return folded == null ? 0 : folded;
    }
}
