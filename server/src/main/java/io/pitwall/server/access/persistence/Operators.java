package io.pitwall.server.access.persistence;

import io.pitwall.server.access.Operator;
import io.pitwall.server.access.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Operator accounts. */
@Repository
public class Operators {

    /** An operator with the password hash, for authentication only. */
    public record Credentials(Operator operator, String passwordHash) {}

    private static final String COLUMNS =
            "id, username, display_name, role, enabled, version, created_at, password_hash";
    private final JdbcClient jdbc;

    public Operators(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String username, String displayName, String passwordHash, Role role, OffsetDateTime now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO operator (username, display_name, password_hash, role, enabled, version, created_at)
                VALUES (:username, :displayName, :hash, :role, TRUE, 0, :now)""")
                .param("username", username)
                .param("displayName", displayName)
                .param("hash", passwordHash)
                .param("role", role.code())
                .param("now", now)
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    public boolean exists(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM operator WHERE username = :u")
                        .param("u", username)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM operator").query(Long.class).single();
    }

    public Optional<Credentials> credentials(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM operator WHERE username = :u")
                .param("u", username)
                .query((rs, i) -> new Credentials(map(rs), rs.getString("password_hash")))
                .optional();
    }

    public Optional<Credentials> credentials(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM operator WHERE id = :id")
                .param("id", id)
                .query((rs, i) -> new Credentials(map(rs), rs.getString("password_hash")))
                .optional();
    }

    /**
     * Whether the operator is enabled, holding their row until the transaction ends, so a token cannot be
     * issued while a disable or password change (which update that row) is committing.
     */
    public boolean lockEnabled(long id) {
        return jdbc.sql("SELECT enabled FROM operator WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    public Optional<Operator> byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM operator WHERE id = :id")
                .param("id", id)
                .query((rs, i) -> map(rs))
                .optional();
    }

    public List<Operator> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM operator ORDER BY username")
                .query((rs, i) -> map(rs))
                .list();
    }

    /** Changes role and enabled flag if the caller saw the current version. */
    public void update(long id, long expectedVersion, Role role, boolean enabled) {
        int rows = jdbc.sql("""
                UPDATE operator SET role = :role, enabled = :enabled, version = version + 1
                WHERE id = :id AND version = :version""")
                .param("role", role.code())
                .param("enabled", enabled)
                .param("id", id)
                .param("version", expectedVersion)
                .update();
        if (rows == 0) {
            throw new OptimisticLockingFailureException("operator " + id + " is not at version " + expectedVersion);
        }
    }

    public void changePassword(long id, String passwordHash) {
        jdbc.sql("UPDATE operator SET password_hash = :h, version = version + 1 WHERE id = :id")
                .param("h", passwordHash)
                .param("id", id)
                .update();
    }

    private static Operator map(ResultSet rs) throws SQLException {
        return new Operator(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("display_name"),
                Role.ofCode(rs.getString("role")).orElseThrow(),
                rs.getBoolean("enabled"),
                rs.getLong("version"),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
