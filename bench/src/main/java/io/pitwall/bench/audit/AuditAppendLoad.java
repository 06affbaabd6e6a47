package io.pitwall.bench.audit;

import io.pitwall.bench.Latencies;
import io.pitwall.server.shared.Audited;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives the real append path: a use case's transaction publishing {@link Audited}, the server's audit
 * listener chaining it, the commit. Several threads compete for the chain head as concurrent requests do.
 */
public final class AuditAppendLoad {

    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    public AuditAppendLoad(ApplicationContext server) {
        this.events = server;
        this.transactions = new TransactionTemplate(server.getBean(PlatformTransactionManager.class));
    }

    /**
     * Commits {@code transactions} transactions of {@code eventsPerTransaction} audited events each from
     * {@code threads} threads; the latencies are per transaction, begin to commit.
     */
    public Latencies run(int transactionCount, int eventsPerTransaction, int threads) throws Exception {
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
                        int tx = i;
                        transactions.executeWithoutResult(status -> {
                            for (int e = 0; e < eventsPerTransaction; e++) {
                                events.publishEvent(Audited.succeeded("bench.append", "bench:" + tx + "." + e,
                                        Map.of("transaction", tx, "event", e, "note", "benchmark record")));
                            }
                        });
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
