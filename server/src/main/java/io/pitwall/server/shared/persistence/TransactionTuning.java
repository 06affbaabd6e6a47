package io.pitwall.server.shared.persistence;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;

/** PostgreSQL settings for the current transaction only ({@code SET LOCAL}); no-ops on H2. */
@Component
public class TransactionTuning {

    private final JdbcTemplate template;
    private final boolean postgres;

    TransactionTuning(JdbcTemplate template, DataSource dataSource) throws Exception {
        this.template = template;
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        this.postgres = "PostgreSQL".equals(product);
    }

    /**
     * Makes PostgreSQL plan the import's lookups for each execution. The driver prepares a repeated
     * statement once per connection, and PostgreSQL may then keep a generic plan chosen while the tables
     * were small: during an import into a young database that plan stays a sequential scan while the
     * tables grow by a hundred thousand rows a second (measured: 50 s of 70 s). A custom plan sees the
     * table's current size and the uniqueness of VIN and serial and uses the index.
     */
    public void freshPlans() {
        if (postgres) {
            template.execute("SET LOCAL plan_cache_mode = force_custom_plan");
        }
    }

    /**
     * Lets the commit return before its WAL record is flushed to disk. Only for writes whose loss in a
     * database crash costs nothing (a last-seen time the next check-in writes again): the database stays
     * consistent, the write may be missing afterwards, and the request does not wait for a disk flush.
     */
    public void asynchronousCommit() {
        if (postgres) {
            template.execute("SET LOCAL synchronous_commit = off");
        }
    }

    /**
     * Gives this transaction's grouping queries 32 MB per sort or hash instead of PostgreSQL's 4 MB default. For
     * reads that aggregate about a million rows into a hundred thousand groups (the recurring-patterns
     * ranking): with 4 MB PostgreSQL spills them to disk and sorts text keys (measured 2.3 s), with 32 MB it
     * hashes them in memory (1.1 s).
     */
    public void largerWorkMemory() {
        if (postgres) {
            template.execute("SET LOCAL work_mem = '32MB'");
        }
    }
}
