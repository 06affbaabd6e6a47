package io.pitwall.server.trust.internal;

import io.pitwall.protocol.tuf.TufKey;
import java.time.Instant;
import java.util.Map;

/**
 * Where the director repository's root stands.
 *
 * @param mode             {@code development} while the server holds the director root key the root in force
 *                         trusts (not for production), else {@code offline}
 * @param notForProduction true in development mode
 * @param rootVersion      version of the root in force
 * @param rootExpires      its expiry
 * @param rootThreshold    signatures its root role requires
 * @param onlineKeys       the server's active online public keys by role ({@code targets}, {@code snapshot},
 *                         {@code timestamp}), for a root signed offline
 */
public record DirectorStatus(
        String mode,
        boolean notForProduction,
        long rootVersion,
        Instant rootExpires,
        int rootThreshold,
        Map<String, TufKey> onlineKeys) {}
