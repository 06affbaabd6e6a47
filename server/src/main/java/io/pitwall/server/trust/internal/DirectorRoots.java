package io.pitwall.server.trust.internal;

import io.pitwall.protocol.tuf.Root;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.server.trust.SigningKey;
import io.pitwall.server.trust.persistence.DirectorFiles;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The director's root chain, shared by every vehicle, and the server's online keys it trusts. Root 1 is
 * made from the server's four director keys (the root key held online: development mode, not for
 * production). Callers run in a transaction; a concurrent insert of the same root version fails with a
 * DuplicateKeyException.
 */
class DirectorRoots {

    private static final Logger log = LoggerFactory.getLogger(DirectorRoots.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final DirectorFiles files;
    private final DevelopmentKeys keys;
    private final Duration rootExpiry;

    DirectorRoots(DirectorFiles files, DevelopmentKeys keys, Duration rootExpiry) {
        this.files = files;
        this.keys = keys;
        this.rootExpiry = rootExpiry;
    }

    /** The root in force; root 1 is created first when there is none. */
    Root current(Instant now) {
        var latest = files.latestRoot();
        if (latest.isPresent()) {
            return Root.fromSigned(JSON.readTree(latest.get().body()).get("signed"));
        }
        Map<String, TufKey> byRole = Map.of(
                "root",
                key(SigningKey.DIRECTOR_ROOT),
                "targets",
                key(SigningKey.DIRECTOR_TARGETS),
                "snapshot",
                key(SigningKey.DIRECTOR_SNAPSHOT),
                "timestamp",
                key(SigningKey.DIRECTOR_TIMESTAMP));
        Map<String, TufKey> all = new HashMap<>();
        Map<String, Root.RoleKeys> roles = new HashMap<>();
        byRole.forEach((role, k) -> {
            all.put(k.keyId(), k);
            roles.put(role, new Root.RoleKeys(List.of(k.keyId()), 1));
        });
        // consistent_snapshot false: each vehicle has only its latest snapshot and targets, served unversioned.
        Root first = new Root(1, now.plus(rootExpiry), false, all, roles);
        store(first, signer(first, "root", SigningKey.DIRECTOR_ROOT).orElseThrow(), now);
        log.warn(
                "Created director root 1 (development mode, NOT FOR PRODUCTION: the director root key {} is held "
                        + "online by this server)",
                key(SigningKey.DIRECTOR_ROOT).keyId());
        return first;
    }

    /** Root N+1 with the same keys, when less than half the root's lifetime is left and the server holds its key. */
    void renewIfDue(Instant now) {
        Root root = current(now);
        var latest = files.latestRoot().orElseThrow();
        if (Duration.between(now, latest.expiresAt().toInstant()).compareTo(rootExpiry.dividedBy(2)) >= 0) {
            return;
        }
        signer(root, "root", SigningKey.DIRECTOR_ROOT)
                .ifPresent(signer -> store(
                        new Root(root.version() + 1, now.plus(rootExpiry), false, root.keys(), root.roles()),
                        signer,
                        now));
    }

    /** The online keys for targets, snapshot and timestamp, as the root in force trusts them. */
    DirectorMetadata.Signers signers(Root root) {
        return new DirectorMetadata.Signers(
                online(root, "targets", SigningKey.DIRECTOR_TARGETS),
                online(root, "snapshot", SigningKey.DIRECTOR_SNAPSHOT),
                online(root, "timestamp", SigningKey.DIRECTOR_TIMESTAMP));
    }

    /** Every root version, oldest first. */
    List<Root> all() {
        return files.roots().stream()
                .map(body -> Root.fromSigned(JSON.readTree(body).get("signed")))
                .toList();
    }

    /** Stores a root N+1 verified elsewhere, exactly as signed. */
    void store(Root root, io.pitwall.protocol.tuf.Envelope signed, Instant now) {
        files.insertRoot(
                root.version(),
                DirectorMetadata.bytes(signed),
                root.expires().atOffset(ZoneOffset.UTC),
                now.atOffset(ZoneOffset.UTC));
    }

    /** The server's director root key, if the root in force trusts it alone (development mode). */
    Optional<Map<TufKey, PrivateKey>> serverRoot(Root root) {
        return signer(root, "root", SigningKey.DIRECTOR_ROOT);
    }

    private void store(Root root, Map<TufKey, PrivateKey> signer, Instant now) {
        files.insertRoot(
                root.version(),
                DirectorMetadata.bytes(Ed25519Signing.sign(root.toSigned(), signer)),
                root.expires().atOffset(ZoneOffset.UTC),
                now.atOffset(ZoneOffset.UTC));
    }

    private Map<TufKey, PrivateKey> online(Root root, String tufRole, String keyRole) {
        return signer(root, tufRole, keyRole)
                .orElseThrow(() -> new IllegalStateException(
                        "the director root in force does not trust the server's online " + tufRole + " key"));
    }

    /**
     * The server's key for a role, if it holds one, the root trusts it for that role and one signature suffices.
     * Never generates a key: once the hand-over destroyed the server's director root key, there is none.
     */
    private Optional<Map<TufKey, PrivateKey>> signer(Root root, String tufRole, String keyRole) {
        var held = keys.held(keyRole);
        if (held.isEmpty()) {
            return Optional.empty();
        }
        var stored = held.get();
        TufKey k = stored.key().publicKey();
        if (!root.keysOf(tufRole).containsKey(k.keyId())
                || root.roles().get(tufRole).threshold() != 1) {
            return Optional.empty();
        }
        return Optional.of(Map.of(k, keys.privateKey(stored)));
    }

    private TufKey key(String keyRole) {
        return keys.ensureActive(keyRole).key().publicKey();
    }
}
