package io.pitwall.server.trust.internal;

import io.pitwall.protocol.tuf.Root;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.server.shared.ApiException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * Online-key rotation for one repository (image or director), shared by both: a proposed root N+1 names a
 * PENDING server key for each online role; a signed root naming it makes that key ACTIVE in the accepting
 * transaction. Callers hold the repository lock.
 *
 * @param onlineRoles TUF role → signing-key role of the server's online keys, e.g. snapshot → image-snapshot
 */
record OnlineKeyRotation(DevelopmentKeys keys, Map<String, String> onlineRoles) {

    /** The signed part of root N+1: root N with every online role on a fresh PENDING key (threshold 1). */
    ObjectNode propose(Root current, Instant expires) {
        Map<String, Root.RoleKeys> roles = new HashMap<>(current.roles());
        Map<String, TufKey> added = new HashMap<>();
        onlineRoles.forEach((tufRole, keyRole) -> {
            TufKey key = keys.pendingKey(keyRole).key().publicKey();
            added.put(key.keyId(), key);
            roles.put(tufRole, new Root.RoleKeys(List.of(key.keyId()), 1));
        });
        // Keys no role names any more (the outgoing online keys) leave the root.
        Set<String> used = new HashSet<>();
        roles.values().forEach(r -> used.addAll(r.keyIds()));
        Map<String, TufKey> all = new HashMap<>(current.keys());
        all.putAll(added);
        all.keySet().retainAll(used);
        return new Root(current.version() + 1, expires, current.consistentSnapshot(), all, roles).toSigned();
    }

    /**
     * Checks that root N+1 trusts, for every online role, the server's ACTIVE or PENDING key alone (threshold 1).
     *
     * @return TUF role → keyid of the PENDING keys it names (the roles it rotates), in role order
     * @throws ApiException 422 {@code root-online-keys-missing}; nothing is changed
     */
    Map<String, String> check(Root next) {
        Map<String, String> rotated = new TreeMap<>();
        onlineRoles.forEach((tufRole, keyRole) -> {
            Root.RoleKeys role = next.roles().get(tufRole);
            var active = keys.ensureActive(keyRole).key().keyId();
            var pending = keys.pendingId(keyRole);
            if (role.threshold() != 1) {
                throw missing(tufRole);
            }
            if (role.keyIds().contains(active)) {
                return;
            }
            if (pending.isPresent() && role.keyIds().contains(pending.get())) {
                rotated.put(tufRole, pending.get());
                return;
            }
            throw missing(tufRole);
        });
        return rotated;
    }

    /** Makes the checked PENDING keys ACTIVE (in the caller's transaction). */
    void promote(Map<String, String> rotated) {
        rotated.forEach((tufRole, keyId) -> keys.promote(onlineRoles.get(tufRole), keyId));
    }

    /** The server's online public keys as a root in force trusts them (ACTIVE), by TUF role. */
    Map<String, TufKey> active() {
        Map<String, TufKey> byRole = new TreeMap<>();
        onlineRoles.forEach((tufRole, keyRole) ->
                byRole.put(tufRole, keys.ensureActive(keyRole).key().publicKey()));
        return byRole;
    }

    private ApiException missing(String tufRole) {
        return new ApiException(
                422,
                "root-online-keys-missing",
                "the " + String.join(", ", new TreeMap<>(onlineRoles).keySet())
                        + " roles must each name the server's current or proposed online key with threshold 1 ("
                        + tufRole + " does not; see the root proposal)");
    }
}
