package io.pitwall.server.trust.persistence;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The image repository's signed metadata files, stored as the exact bytes served. Writers call
 * {@link #lock()} (or {@link #tryLock()}) in their transaction before reading the latest versions.
 */
@Repository
public class RepositoryFiles {

    /** One stored metadata file. */
    public record File(String role, long version, byte[] body, OffsetDateTime expiresAt) {}

    private final JdbcClient jdbc;

    public RepositoryFiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits for the repository lock row; held until the transaction ends. */
    public void lock() {
        jdbc.sql("SELECT id FROM repository_lock WHERE id = 1 FOR UPDATE")
                .query(Integer.class)
                .single();
    }

    /** Takes the repository lock if no other transaction holds it. */
    public boolean tryLock() {
        return jdbc.sql("SELECT id FROM repository_lock WHERE id = 1 FOR UPDATE SKIP LOCKED")
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    public void insert(File file, OffsetDateTime now) {
        jdbc.sql("INSERT INTO repository_metadata (role_name, meta_version, body, expires_at, created_at) "
                        + "VALUES (:role, :version, :body, :expires, :now)")
                .param("role", file.role())
                .param("version", file.version())
                .param("body", new String(file.body(), StandardCharsets.UTF_8))
                .param("expires", file.expiresAt())
                .param("now", now)
                .update();
    }

    public Optional<File> latest(String role) {
        return jdbc.sql("SELECT role_name, meta_version, body, expires_at FROM repository_metadata WHERE role_name = "
                        + ":role ORDER BY meta_version DESC FETCH FIRST 1 ROWS ONLY")
                .param("role", role)
                .query((rs, i) -> new File(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getString(3).getBytes(StandardCharsets.UTF_8),
                        rs.getObject(4, OffsetDateTime.class)))
                .optional();
    }

    /** Every stored version of a role, oldest first (used for the few root versions). */
    public java.util.List<File> all(String role) {
        return jdbc.sql("SELECT role_name, meta_version, body, expires_at FROM repository_metadata WHERE role_name = "
                        + ":role ORDER BY meta_version")
                .param("role", role)
                .query((rs, i) -> new File(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getString(3).getBytes(StandardCharsets.UTF_8),
                        rs.getObject(4, OffsetDateTime.class)))
                .list();
    }

    public Optional<File> version(String role, long version) {
        return jdbc.sql("SELECT role_name, meta_version, body, expires_at FROM repository_metadata WHERE role_name = "
                        + ":role AND meta_version = :version")
                .param("role", role)
                .param("version", version)
                .query((rs, i) -> new File(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getString(3).getBytes(StandardCharsets.UTF_8),
                        rs.getObject(4, OffsetDateTime.class)))
                .optional();
    }
}
