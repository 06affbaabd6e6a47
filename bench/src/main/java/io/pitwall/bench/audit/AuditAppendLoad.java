package io.pitwall.bench.audit;

import io.pitwall.bench.Latencies;
import io.pitwall.server.shared.Audited;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives the real append path: a use case's transaction publishing {@link Audited}, the server's audit
 * listener chaining it, the commit. Several threads compete for the chain head as concurrent requests do.
 */
public final class AuditAppendLoad {

    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;

    public AuditAppendLoad(ApplicationContext server) {
        this.events = server;
        this.transactions = new TransactionTemplate(server.getBean(PlatformTransactionManager.class));
        this.jdbc = new JdbcTemplate(server.getBean(DataSource.class));
    }

    /**
     * The yardstick: the same transactions writing one plain row each and no audit record, over the
     * server's own pool. What an audited transaction costs beyond this is the audit trail's price.
     */
    public Latencies runPlain(int transactionCount, int threads) throws Exception {
        jdbc.execute("CREATE TABLE IF NOT EXISTS bench_plain_change (id BIGSERIAL PRIMARY KEY, note VARCHAR(100))");
        return timed(
                transactionCount,
                threads,
                tx -> transactions.executeWithoutResult(
                        status -> jdbc.update("INSERT INTO bench_plain_change (note) VALUES (?)", "change " + tx)));
    }

    /**
     * Commits {@code transactions} transactions of {@code eventsPerTransaction} audited events each from
     * {@code threads} threads; the latencies are per transaction, begin to commit.
     */
    public Latencies run(int transactionCount, int eventsPerTransaction, int threads) throws Exception {
        return timed(
                transactionCount,
                threads,
                tx -> transactions.executeWithoutResult(status -> {
                    for (int e = 0; e < eventsPerTransaction; e++) {
                        events.publishEvent(Audited.succeeded(
                                "bench.append",
                                "bench:" + tx + "." + e,
                                Map.of("transaction", tx, "event", e, "note", "benchmark record")));
                    }
                }));
    }

    private static Latencies timed(int transactionCount, int threads, IntConsumer transaction) throws Exception {
        long[] nanos = new long[transactionCount];
        var next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long started = System.nanoTime();
            var workers = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < transactionCount; i = next.getAndIncrement()) {
                        long begin = System.nanoTime();
                        transaction.accept(i);
                        nanos[i] = System.nanoTime() - begin;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return Latencies.of(nanos, System.nanoTime() - started);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
