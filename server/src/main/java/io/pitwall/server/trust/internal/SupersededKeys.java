package io.pitwall.server.trust.internal;

import io.pitwall.protocol.tuf.Root;
import io.pitwall.server.trust.SigningKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Destroys the server's keys that a repository's roots have let go of: a key some published root of the repository
 * named in a role, which the root in force names in none, no longer signs anything a client will accept from the
 * chain's end, yet anyone holding it could sign a forged next root (root key) or forged metadata for a client still
 * holding an older root. Its private half is removed and the removal audited ({@code key.destroy}), in the caller's
 * transaction. A key no root ever named (a PENDING proposal, the catalog's entry-signing key after a hand-over) is
 * left alone. Callers hold the repository lock.
 *
 * @param repository {@code image} or {@code director}, for the audit record
 * @param keyRoles   the signing-key roles of the repository's server keys
 */
record SupersededKeys(DevelopmentKeys keys, String repository, List<String> keyRoles) {

    static SupersededKeys ofImage(DevelopmentKeys keys) {
        return new SupersededKeys(
                keys,
                "image",
                List.of(
                        SigningKey.IMAGE_ROOT,
                        SigningKey.IMAGE_TARGETS,
                        SigningKey.IMAGE_SNAPSHOT,
                        SigningKey.IMAGE_TIMESTAMP));
    }

    static SupersededKeys ofDirector(DevelopmentKeys keys) {
        return new SupersededKeys(
                keys,
                "director",
                List.of(
                        SigningKey.DIRECTOR_ROOT,
                        SigningKey.DIRECTOR_TARGETS,
                        SigningKey.DIRECTOR_SNAPSHOT,
                        SigningKey.DIRECTOR_TIMESTAMP));
    }

    /**
     * @param published every root of the repository, the one in force included
     * @param inForce   the latest root
     * @return the keyids destroyed now
     */
    List<String> destroy(Collection<Root> published, Root inForce) {
        Set<String> everNamed = new HashSet<>();
        published.forEach(root -> everNamed.addAll(named(root)));
        Set<String> stillNamed = named(inForce);
        List<String> destroyed = new ArrayList<>();
        for (SigningKey key : keys.withPrivateHalf(keyRoles)) {
            if (everNamed.contains(key.keyId())
                    && !stillNamed.contains(key.keyId())
                    && keys.destroy(
                            key,
                            Map.of(
                                    "repository",
                                    repository,
                                    "reason",
                                    "superseded",
                                    "rootVersion",
                                    inForce.version()))) {
                destroyed.add(key.keyId());
            }
        }
        return destroyed;
    }

    /** The keyids any role of the root names (a key listed under {@code keys} but in no role is not trusted). */
    private static Set<String> named(Root root) {
        Set<String> ids = new HashSet<>();
        root.roles().values().forEach(role -> ids.addAll(role.keyIds()));
        return ids;
    }
}
