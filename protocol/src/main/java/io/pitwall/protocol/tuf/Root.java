package io.pitwall.protocol.tuf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The signed part of a TUF 1.0 root: which keys, and how many of them, each top-level role needs. Keys are
 * Ed25519 only, and a key is accepted only under the keyid its content hashes to, so one key cannot be
 * counted twice under two names.
 */
public record Root(
        long version,
        Instant expires,
        boolean consistentSnapshot,
        Map<String, TufKey> keys,
        Map<String, RoleKeys> roles) {

    public static final String SPEC_VERSION = "1.0.31";
    public static final List<String> ROLES = List.of("root", "targets", "snapshot", "timestamp");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A role's keyids (distinct) and threshold (at least 1, at most the number of keyids). */
    public record RoleKeys(List<String> keyIds, int threshold) {
        public RoleKeys {
            keyIds = List.copyOf(new LinkedHashSet<>(keyIds));
            if (threshold < 1 || threshold > keyIds.size()) {
                throw new RootRejected("root-invalid", "a role's threshold must be between 1 and its number of keys");
            }
        }
    }

    public Root {
        keys = Map.copyOf(keys);
        roles = Map.copyOf(roles);
        if (version < 1) {
            throw new RootRejected("root-invalid", "version must be at least 1");
        }
        for (String role : ROLES) {
            RoleKeys r = roles.get(role);
            if (r == null) {
                throw new RootRejected("root-invalid", "root lacks the " + role + " role");
            }
            for (String id : r.keyIds()) {
                if (!keys.containsKey(id)) {
                    throw new RootRejected("root-invalid", "role " + role + " names the unknown key " + id);
                }
            }
        }
    }

    /** The keys of one role by keyid: what {@link Envelope#validSignatures} counts against. */
    public Map<String, TufKey> keysOf(String role) {
        Map<String, TufKey> byId = new LinkedHashMap<>();
        roles.get(role).keyIds().forEach(id -> byId.put(id, keys.get(id)));
        return byId;
    }

    /** Whether a threshold of the role's distinct keys signed the envelope. */
    public boolean signedBy(Envelope envelope, String role) {
        return envelope.validSignatures(keysOf(role)) >= roles.get(role).threshold();
    }

    public ObjectNode toSigned() {
        ObjectNode signed = JSON.createObjectNode();
        signed.put("_type", "root");
        signed.put("spec_version", SPEC_VERSION);
        signed.put("version", version);
        signed.put("expires", TufTime.format(expires));
        signed.put("consistent_snapshot", consistentSnapshot);
        ObjectNode keyNodes = signed.putObject("keys");
        keys.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> keyNodes.set(e.getKey(), e.getValue().toJson()));
        ObjectNode roleNodes = signed.putObject("roles");
        for (String role : ROLES) {
            ObjectNode r = roleNodes.putObject(role);
            var ids = r.putArray("keyids");
            roles.get(role).keyIds().forEach(ids::add);
            r.put("threshold", roles.get(role).threshold());
        }
        return signed;
    }

    /** Reads a root's signed part, checking its form (type, spec major version, keyids, roles, expiry form). */
    public static Root fromSigned(JsonNode signed) {
        if (!"root".equals(signed.path("_type").asString(""))) {
            throw new RootRejected("root-invalid", "_type must be \"root\"");
        }
        if (!signed.path("spec_version").asString("").startsWith("1.")) {
            throw new RootRejected("root-invalid", "spec_version must be 1.x");
        }
        if (!signed.path("version").isIntegralNumber()
                || !signed.path("consistent_snapshot").isBoolean()) {
            throw new RootRejected("root-invalid", "version (integer) and consistent_snapshot (boolean) are required");
        }
        Instant expires;
        try {
            expires = TufTime.parse(signed.path("expires").asString(""));
        } catch (IllegalArgumentException e) {
            throw new RootRejected("root-invalid", e.getMessage());
        }
        Map<String, TufKey> keys = new LinkedHashMap<>();
        for (var entry : signed.path("keys").properties()) {
            TufKey key;
            try {
                key = TufKey.fromJson(entry.getValue());
            } catch (IllegalArgumentException e) {
                throw new RootRejected("root-invalid", "key " + entry.getKey() + ": " + e.getMessage());
            }
            // The whole key object must hash to its keyid, so unknown fields cannot make a second name for it.
            if (!key.keyId().equals(entry.getKey()) || !key.toJson().equals(entry.getValue())) {
                throw new RootRejected(
                        "root-keyid-mismatch",
                        "keyid " + entry.getKey() + " is not the SHA-256 of its canonical key object");
            }
            keys.put(entry.getKey(), key);
        }
        Map<String, RoleKeys> roles = new LinkedHashMap<>();
        for (String role : ROLES) {
            JsonNode r = signed.path("roles").path(role);
            if (!r.path("keyids").isArray() || !r.path("threshold").isIntegralNumber()) {
                throw new RootRejected("root-invalid", "role " + role + " needs keyids and a threshold");
            }
            List<String> ids = new ArrayList<>();
            r.get("keyids").forEach(id -> ids.add(id.asString("")));
            Set<String> distinct = new LinkedHashSet<>(ids);
            if (distinct.size() != ids.size()) {
                throw new RootRejected("root-invalid", "role " + role + " lists a keyid twice");
            }
            roles.put(role, new RoleKeys(ids, r.get("threshold").intValue()));
        }
        return new Root(
                signed.get("version").longValue(),
                expires,
                signed.get("consistent_snapshot").booleanValue(),
                keys,
                roles);
    }

    /**
     * Checks that {@code candidate} may follow this trusted root: a valid root of exactly the next version,
     * signed by a threshold of this root's root keys and of its own, and not expired at {@code now}.
     *
     * @return the candidate's root
     * @throws RootRejected with code {@code root-invalid}, {@code root-keyid-mismatch}, {@code root-version-not-next},
     *                      {@code root-expired} or {@code root-signature-threshold}
     */
    public Root verifyNext(Envelope candidate, Instant now) {
        Root next = fromSigned(candidate.signed());
        if (next.version() != version + 1) {
            throw new RootRejected(
                    "root-version-not-next", "root version must be " + (version + 1) + ", got " + next.version());
        }
        if (!next.expires().isAfter(now)) {
            throw new RootRejected("root-expired", "root version " + next.version() + " is already expired");
        }
        if (!signedBy(candidate, "root")) {
            throw new RootRejected(
                    "root-signature-threshold",
                    "not signed by " + roles.get("root").threshold() + " of the root keys of version " + version);
        }
        if (!next.signedBy(candidate, "root")) {
            throw new RootRejected(
                    "root-signature-threshold",
                    "not signed by " + next.roles().get("root").threshold() + " of its own root keys");
        }
        return next;
    }
}
