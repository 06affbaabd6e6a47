package io.pitwall.server.trust.persistence;

import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.server.trust.SigningKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Signing keys with their encrypted private halves. {@code active_slot} is 1 for the ACTIVE key and NULL
 * once retired; the unique (role, active_slot) constraint allows one ACTIVE key per role even when two
 * nodes generate at once. A destroyed key keeps its row (public key, dates) without any private material.
 */
@Repository
public class SigningKeys {

    /** A stored key: its public view and its sealed private half (null once destroyed). */
    public record Stored(SigningKey key, SealedKey sealed) {}

    private static final String COLUMNS = "key_id, key_role, key_mode, status, public_key, kek_kind, kdf_salt, "
            + "kdf_iterations, nonce, encrypted_private_key, created_at, retired_at, destroyed_at";
    private final JdbcClient jdbc;

    public SigningKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts an ACTIVE key; fails with a DuplicateKeyException when the role already has one. */
    public void insertActive(SigningKey key, SealedKey sealed) {
        jdbc.sql("INSERT INTO signing_key (" + COLUMNS + ", active_slot, version) VALUES (:id, :role, :mode, "
                        + "'ACTIVE', :pub, :kind, :salt, :iterations, :nonce, :ciphertext, :created, NULL, NULL, 1, 0)")
                .param("id", key.keyId())
                .param("role", key.role())
                .param("mode", key.mode().name())
                .param("pub", key.publicKey().publicHex())
                .param("kind", sealed.kekKind())
                .param("salt", sealed.salt())
                .param("iterations", sealed.iterations())
                .param("nonce", sealed.nonce())
                .param("ciphertext", sealed.ciphertext())
                .param("created", key.createdAt())
                .update();
    }

    /** Inserts a PENDING key: named by a proposed root, not trusted or used until {@link #promote}. */
    public void insertPending(SigningKey key, SealedKey sealed) {
        jdbc.sql("INSERT INTO signing_key (" + COLUMNS + ", active_slot, version) VALUES (:id, :role, :mode, "
                        + "'PENDING', :pub, :kind, :salt, :iterations, :nonce, :ciphertext, :created, NULL, NULL, "
                        + "NULL, 0)")
                .param("id", key.keyId())
                .param("role", key.role())
                .param("mode", key.mode().name())
                .param("pub", key.publicKey().publicHex())
                .param("kind", sealed.kekKind())
                .param("salt", sealed.salt())
                .param("iterations", sealed.iterations())
                .param("nonce", sealed.nonce())
                .param("ciphertext", sealed.ciphertext())
                .param("created", key.createdAt())
                .update();
    }

    /** The newest PENDING key of a role. */
    public Optional<Stored> pending(String role) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM signing_key WHERE key_role = :role AND status = 'PENDING' "
                        + "ORDER BY created_at DESC, key_id FETCH FIRST 1 ROWS ONLY")
                .param("role", role)
                .query((rs, i) -> map(rs))
                .optional();
    }

    /**
     * Makes a PENDING key the role's ACTIVE key and retires the previous one, in the caller's transaction.
     *
     * @return false when the key is not PENDING for that role (nothing changed)
     */
    public boolean promote(String role, String keyId, OffsetDateTime now) {
        jdbc.sql(
                        "UPDATE signing_key SET status = 'RETIRED', active_slot = NULL, retired_at = :now, version = version + 1 "
                                + "WHERE key_role = :role AND status = 'ACTIVE'")
                .param("role", role)
                .param("now", now)
                .update();
        return jdbc.sql("UPDATE signing_key SET status = 'ACTIVE', active_slot = 1, version = version + 1 "
                                + "WHERE key_id = :id AND key_role = :role AND status = 'PENDING'")
                        .param("id", keyId)
                        .param("role", role)
                        .update()
                == 1;
    }

    /** Every key whose private half the server may still use: ACTIVE and PENDING, of every role. */
    public List<Stored> held() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM signing_key WHERE status IN ('ACTIVE', 'PENDING') ORDER BY key_id")
                .query((rs, i) -> map(rs))
                .list();
    }

    /** The keys of these roles whose private half is still stored (ACTIVE and RETIRED; never PENDING ones). */
    public List<SigningKey> withPrivateHalf(java.util.Collection<String> roles) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM signing_key WHERE key_role IN (:roles) AND status IN ('ACTIVE', "
                        + "'RETIRED') AND destroyed_at IS NULL ORDER BY key_id")
                .param("roles", roles)
                .query((rs, i) -> map(rs).key())
                .list();
    }

    /**
     * Removes a key's private half (ciphertext, nonce, KDF salt and iterations) and retires it, in the caller's
     * transaction; the row stays as the public record of the key.
     *
     * @return false when it was destroyed already
     */
    public boolean destroy(String keyId, OffsetDateTime now) {
        return jdbc.sql("UPDATE signing_key SET status = 'RETIRED', active_slot = NULL, "
                                + "retired_at = COALESCE(retired_at, :now), destroyed_at = :now, encrypted_private_key = NULL, "
                                + "nonce = NULL, kdf_salt = NULL, kdf_iterations = NULL, version = version + 1 "
                                + "WHERE key_id = :id AND destroyed_at IS NULL")
                        .param("id", keyId)
                        .param("now", now)
                        .update()
                == 1;
    }

    public Optional<Stored> active(String role) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM signing_key WHERE key_role = :role AND status = 'ACTIVE'")
                .param("role", role)
                .query((rs, i) -> map(rs))
                .optional();
    }

    /** The keys of one role, active and retired, newest first. */
    public List<SigningKey> all(String role) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM signing_key WHERE key_role = :role ORDER BY created_at DESC, "
                        + "key_id")
                .param("role", role)
                .query((rs, i) -> map(rs).key())
                .list();
    }

    private static Stored map(ResultSet rs) throws SQLException {
        var key = new SigningKey(
                rs.getString("key_id"),
                rs.getString("key_role"),
                SigningKey.Mode.valueOf(rs.getString("key_mode")),
                SigningKey.Status.valueOf(rs.getString("status")),
                new TufKey(rs.getString("public_key")),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("retired_at", OffsetDateTime.class),
                rs.getObject("destroyed_at", OffsetDateTime.class));
        int iterations = rs.getInt("kdf_iterations");
        boolean noIterations = rs.wasNull();
        String ciphertext = rs.getString("encrypted_private_key");
        var sealed = ciphertext == null
                ? null
                : new SealedKey(
                        rs.getString("kek_kind"),
                        rs.getString("kdf_salt"),
                        noIterations ? null : iterations,
                        rs.getString("nonce"),
                        ciphertext);
        return new Stored(key, sealed);
    }
}
