package io.pitwall.server.inventory;

import java.time.OffsetDateTime;

/**
 * An ECU's registered Ed25519 identity key and what its last accepted signed version report attested
 * ({@code lastCounter} and the {@code attested*} fields are null until a report was accepted).
 */
public record RegisteredEcuKey(
        String serial,
        String keyId,
        String publicKey,
        OffsetDateTime registeredAt,
        Long lastCounter,
        String attestedPath,
        Long attestedLength,
        String attestedSha256,
        OffsetDateTime attestedAt) {}
