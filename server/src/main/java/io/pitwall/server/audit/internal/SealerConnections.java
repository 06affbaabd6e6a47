package io.pitwall.server.audit.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A tiny connection pool of the chain sealer's own. The sealer runs right after a commit, while the
 * committing thread still holds its connection; sharing the application pool could leave every
 * connection held by threads waiting for the one sealer that cannot get a connection.
 */
public final class SealerConnections implements AutoCloseable {

    private final DataSource dataSource;
    private final HikariDataSource owned;

    private SealerConnections(DataSource dataSource, HikariDataSource owned) {
        this.dataSource = dataSource;
        this.owned = owned;
    }

    /** A pool of two connections to the application's database (or the application pool if it is not Hikari). */
    public static SealerConnections to(DataSource application) {
        try {
            if (!application.isWrapperFor(HikariDataSource.class)) {
                return new SealerConnections(application, null);
            }
            HikariDataSource hikari = application.unwrap(HikariDataSource.class);
            var config = new HikariConfig();
            config.setPoolName("pitwall-audit-chain");
            config.setJdbcUrl(hikari.getJdbcUrl());
            config.setUsername(hikari.getUsername());
            config.setPassword(hikari.getPassword());
            if (hikari.getDriverClassName() != null) {
                config.setDriverClassName(hikari.getDriverClassName());
            }
            config.setMaximumPoolSize(2);
            config.setMinimumIdle(0);
            config.setInitializationFailTimeout(-1);
            var pool = new HikariDataSource(config);
            return new SealerConnections(pool, pool);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up the audit chain's connections", e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }
}
