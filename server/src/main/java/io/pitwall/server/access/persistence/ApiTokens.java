package io.pitwall.server.access.persistence;

import io.pitwall.server.access.ApiToken;
import io.pitwall.server.access.Permission;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** API tokens, stored by the SHA-256 of their secret. */
@Repository
public class ApiTokens {

    private static final String COLUMNS = "id, operator_id, name, permissions, expires_at, revoked_at, created_at";
    private final JdbcClient jdbc;

    public ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(
            long operatorId,
            String name,
            String tokenHash,
            Set<Permission> permissions,
            OffsetDateTime expiresAt,
            OffsetDateTime now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO api_token (operator_id, name, token_hash, permissions, expires_at, created_at)
                VALUES (:operator, :name, :hash, :permissions, :expires, :now)""")
                .param("operator", operatorId)
                .param("name", name)
                .param("hash", tokenHash)
                .param(
                        "permissions",
                        permissions.stream().map(Permission::code).sorted().collect(Collectors.joining(",")))
                .param("expires", expiresAt)
                .param("now", now)
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    public Optional<ApiToken> byHash(String tokenHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE token_hash = :h")
                .param("h", tokenHash)
                .query((rs, i) -> map(rs))
                .optional();
    }

    public Optional<ApiToken> byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE id = :id")
                .param("id", id)
                .query((rs, i) -> map(rs))
                .optional();
    }

    public List<ApiToken> ofOperator(long operatorId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE operator_id = :o ORDER BY id")
                .param("o", operatorId)
                .query((rs, i) -> map(rs))
                .list();
    }

    /** Ids of the operator's tokens that are neither revoked nor expired at {@code now}. */
    public List<Long> liveIdsOf(long operatorId, OffsetDateTime now) {
        return jdbc.sql("""
                SELECT id FROM api_token WHERE operator_id = :o AND revoked_at IS NULL AND expires_at > :now
                ORDER BY id""")
                .param("o", operatorId)
                .param("now", now)
                .query(Long.class)
                .list();
    }

    public boolean revoke(long id, OffsetDateTime now) {
        return jdbc.sql("UPDATE api_token SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                        .param("now", now)
                        .param("id", id)
                        .update()
                == 1;
    }

    private static ApiToken map(ResultSet rs) throws SQLException {
        Set<Permission> permissions = Arrays.stream(rs.getString("permissions").split(","))
                .filter(s -> !s.isBlank())
                .map(code -> Permission.ofCode(code).orElseThrow())
                .collect(Collectors.toUnmodifiableSet());
        return new ApiToken(
                rs.getLong("id"),
                rs.getLong("operator_id"),
                rs.getString("name"),
                permissions,
                rs.getObject("expires_at", OffsetDateTime.class),
                rs.getObject("revoked_at", OffsetDateTime.class),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
