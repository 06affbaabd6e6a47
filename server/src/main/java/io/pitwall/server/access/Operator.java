package io.pitwall.server.access;

import java.time.OffsetDateTime;

/** An operator account as the API shows it (never with its password hash). */
public record Operator(
        long id,
        String username,
        String displayName,
        Role role,
        boolean enabled,
        long version,
        OffsetDateTime createdAt) {}
