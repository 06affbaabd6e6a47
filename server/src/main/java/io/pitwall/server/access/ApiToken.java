package io.pitwall.server.access;

import java.time.OffsetDateTime;
import java.util.Set;

/** An API token as listed (the secret itself is shown once, at issue, and never stored). */
public record ApiToken(
        long id,
        long operatorId,
        String name,
        Set<Permission> permissions,
        OffsetDateTime expiresAt,
        OffsetDateTime revokedAt,
        OffsetDateTime createdAt) {

    public ApiToken {
        permissions = Set.copyOf(permissions);
    }

    public boolean activeAt(OffsetDateTime now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
