package io.pitwall.bench;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The PostgreSQL database a benchmark runs against. Only a server on this machine is accepted, so a
 * benchmark can never load a shared or production database by mistake.
 */
public record BenchDatabase(String url, String user, String password) {

    private static final Set<String> LOCAL_HOSTS = Set.of("127.0.0.1", "localhost");

    public BenchDatabase {
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("benchmarks need a jdbc:postgresql:// URL, got " + url);
        }
        String host = URI.create(url.substring("jdbc:".length())).getHost();
        if (host == null || !LOCAL_HOSTS.contains(host)) {
            throw new IllegalArgumentException("benchmarks only touch 127.0.0.1, not " + host);
        }
    }

    public DataSource dataSource() {
        return new DriverManagerDataSource(url, user, password);
    }

    public Connection connect() throws SQLException {
        return dataSource().getConnection();
    }

    /** Drops everything in the public schema (the audit trail refuses TRUNCATE, so the schema goes). */
    public void reset() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }

    /** Runs the statements in order, each in its own transaction (so {@code VACUUM} works too). */
    public void execute(String... statements) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The single number a query such as {@code SELECT COUNT(*) ...} answers. */
    public long count(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Applies the server's migrations without starting the server. */
    public void migrate() {
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                .load()
                .migrate();
    }

    public String serverVersion() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT current_setting('server_version'), current_setting('fsync'), "
                        + "current_setting('synchronous_commit'), current_setting('shared_buffers')")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1) + " (fsync " + rs.getString(2) + ", synchronous_commit "
                    + rs.getString(3) + ", shared_buffers " + rs.getString(4) + ")";
        }
    }
}
