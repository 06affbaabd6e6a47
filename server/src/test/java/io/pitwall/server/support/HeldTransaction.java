package io.pitwall.server.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a race deterministic: work done in a transaction that stays open on another thread until
 * {@link #commit()}, so a request sent meanwhile meets its locks. {@link #awaitSomeoneBlocked} waits until
 * a database session waits for a lock (PostgreSQL: pg_stat_activity; H2: INFORMATION_SCHEMA.SESSIONS).
 */
public final class HeldTransaction implements AutoCloseable {

    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "held-transaction");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> done;

    private HeldTransaction(PlatformTransactionManager transactions, Runnable work) {
        done = CompletableFuture.runAsync(
                () -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
                    work.run();
                    ready.complete(null);
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }),
                THREADS);
        CompletableFuture.anyOf(ready, done).join();
    }

    /** Runs the work in a new transaction and returns once it is done, with the transaction still open. */
    public static HeldTransaction open(PlatformTransactionManager transactions, Runnable work) {
        return new HeldTransaction(transactions, work);
    }

    /** Runs a request (or anything) on another thread. */
    public static <T> CompletableFuture<T> async(Supplier<T> request) {
        return CompletableFuture.supplyAsync(request, THREADS);
    }

    public void commit() {
        release.countDown();
        done.join();
    }

    @Override
    public void close() {
        release.countDown();
    }

    /** Waits until some session of this database waits for a lock. */
    public static void awaitSomeoneBlocked(DataSource dataSource, JdbcClient jdbc) {
        String sql = isPostgres(dataSource)
                ? "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND wait_event_type = 'Lock'"
                // H2 names the blocker of a row lock, not of a unique key someone else is inserting: a statement
                // running for long counts too.
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID() AND (BLOCKER_ID "
                        + "IS NOT NULL OR EXECUTING_STATEMENT_START < DATEADD(MILLISECOND, -200, CURRENT_TIMESTAMP))";
        Awaitility.await()
                .pollInterval(Duration.ofMillis(10))
                .atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql(sql).query(Long.class).single() > 0);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection
                    .getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase()
                    .contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
