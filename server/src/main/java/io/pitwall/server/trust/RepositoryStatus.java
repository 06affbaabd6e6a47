package io.pitwall.server.trust;

import io.pitwall.protocol.tuf.TufKey;
import java.time.Instant;
import java.util.Map;

/**
 * Where the image repository stands.
 *
 * @param mode             {@code development} while the server holds a root or targets key the current root
 *                         trusts (not for production), else {@code offline}
 * @param notForProduction true in development mode
 * @param targetsCurrent   whether the latest targets version lists exactly the current targets (false in
 *                         offline mode after a publication, until {@code ./pitwall keys sign-targets})
 * @param versions         latest version per role
 * @param expires          expiry of the latest version per role
 * @param onlineKeys       the server's online public keys by role ({@code snapshot}, {@code timestamp}), for
 *                         an offline root
 */
public record RepositoryStatus(
        String mode,
        boolean notForProduction,
        boolean targetsCurrent,
        Map<String, Long> versions,
        Map<String, Instant> expires,
        Map<String, TufKey> onlineKeys) {}
