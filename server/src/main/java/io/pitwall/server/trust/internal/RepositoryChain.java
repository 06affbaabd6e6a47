package io.pitwall.server.trust.internal;

import io.pitwall.protocol.tuf.CanonicalJson;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.RoleMetadata;
import io.pitwall.protocol.tuf.Root;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.server.trust.SigningKey;
import io.pitwall.server.trust.persistence.RepositoryFiles;
import io.pitwall.server.trust.spi.RepositoryTargets;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes new versions of the repository's roles, each signed with the server's key for that role. A new
 * targets version is followed by a new snapshot, a new snapshot by a new timestamp, so the three always
 * describe each other. Callers hold the repository lock.
 */
class RepositoryChain {

    static final String ROOT = "root";
    static final String TARGETS = "targets";
    static final String SNAPSHOT = "snapshot";
    static final String TIMESTAMP = "timestamp";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RepositoryFiles files;
    private final DevelopmentKeys keys;
    private final RepositoryTargets targets;
    private final RepositorySettings settings;

    RepositoryChain(
            RepositoryFiles files, DevelopmentKeys keys, RepositoryTargets targets, RepositorySettings settings) {
        this.files = files;
        this.keys = keys;
        this.targets = targets;
        this.settings = settings;
    }

    /** The root in force; an empty repository gets its development-mode version 1 first. */
    Root currentRoot(Instant now) {
        var latest = files.latest(ROOT);
        if (latest.isPresent()) {
            return Root.fromSigned(JSON.readTree(latest.get().body()).get("signed"));
        }
        Map<String, TufKey> byRole = Map.of(
                ROOT,
                key(SigningKey.IMAGE_ROOT),
                TARGETS,
                key(SigningKey.IMAGE_TARGETS),
                SNAPSHOT,
                key(SigningKey.IMAGE_SNAPSHOT),
                TIMESTAMP,
                key(SigningKey.IMAGE_TIMESTAMP));
        Map<String, TufKey> all = new HashMap<>();
        Map<String, Root.RoleKeys> roles = new HashMap<>();
        byRole.forEach((role, key) -> {
            all.put(key.keyId(), key);
            roles.put(role, new Root.RoleKeys(List.of(key.keyId()), 1));
        });
        Root first = new Root(1, now.plus(settings.rootExpiry()), true, all, roles);
        store(
                ROOT,
                1,
                Ed25519Signing.sign(
                        first.toSigned(),
                        signer(first, ROOT, SigningKey.IMAGE_ROOT).orElseThrow()),
                first.expires(),
                now);
        return first;
    }

    /** Root N+1 with the same keys, signed by the server's root key; false unless the server holds it. */
    boolean renewRoot(Root root, Instant now) {
        var signer = signer(root, ROOT, SigningKey.IMAGE_ROOT);
        if (signer.isEmpty()) {
            return false;
        }
        Root next = new Root(root.version() + 1, now.plus(settings.rootExpiry()), true, root.keys(), root.roles());
        store(ROOT, next.version(), Ed25519Signing.sign(next.toSigned(), signer.get()), next.expires(), now);
        return true;
    }

    /** A new targets version listing the current targets, if the server holds a targets key the root trusts. */
    boolean publishTargets(Root root, Instant now) {
        var signer = signer(root, TARGETS, SigningKey.IMAGE_TARGETS);
        if (signer.isEmpty()) {
            return false;
        }
        long version = nextVersion(TARGETS);
        Instant expires = now.plus(settings.targetsExpiry());
        ObjectNode signed = RoleMetadata.targets(version, expires, targets.current());
        store(TARGETS, version, Ed25519Signing.sign(signed, signer.get()), expires, now);
        publishSnapshot(root, now);
        return true;
    }

    ObjectNode unsignedTargets(long version, Instant expires) {
        return RoleMetadata.targets(version, expires, targets.current());
    }

    /** Whether the latest targets file lists exactly the current targets (false: a new version needs signing). */
    boolean targetsCurrent() {
        byte[] current = CanonicalJson.bytes(
                RoleMetadata.targets(1, Instant.EPOCH, targets.current()).get("targets"));
        // Compared canonically: a parsed 2048 and a built 2048 may be different Jackson number node types.
        return files.latest(TARGETS)
                .map(f -> java.util.Arrays.equals(
                        current,
                        CanonicalJson.bytes(parse(f.body()).get("signed").get("targets"))))
                .orElse(false);
    }

    /** Stores targets metadata signed elsewhere (already verified), then a new snapshot and timestamp. */
    void storeTargets(Root root, Envelope signedTargets, long version, Instant expires, Instant now) {
        store(TARGETS, version, signedTargets, expires, now);
        publishSnapshot(root, now);
    }

    void publishSnapshot(Root root, Instant now) {
        var targetsFile = files.latest(TARGETS).orElseThrow(() -> new IllegalStateException("no targets yet"));
        long version = nextVersion(SNAPSHOT);
        Instant expires = now.plus(settings.snapshotExpiry());
        ObjectNode signed = RoleMetadata.snapshot(version, expires, targetsFile.version(), targetsFile.body());
        store(
                SNAPSHOT,
                version,
                Ed25519Signing.sign(signed, online(root, SNAPSHOT, SigningKey.IMAGE_SNAPSHOT)),
                expires,
                now);
        publishTimestamp(root, now);
    }

    void publishTimestamp(Root root, Instant now) {
        var snapshotFile = files.latest(SNAPSHOT).orElseThrow(() -> new IllegalStateException("no snapshot yet"));
        long version = nextVersion(TIMESTAMP);
        Instant expires = now.plus(settings.timestampExpiry());
        ObjectNode signed = RoleMetadata.timestamp(version, expires, snapshotFile.version(), snapshotFile.body());
        store(
                TIMESTAMP,
                version,
                Ed25519Signing.sign(signed, online(root, TIMESTAMP, SigningKey.IMAGE_TIMESTAMP)),
                expires,
                now);
    }

    /**
     * The server's key for a role, if it holds one, the root trusts it for that role and one signature suffices.
     * Never generates a key: once a hand-over destroyed the server's root key, there is none.
     */
    Optional<Map<TufKey, PrivateKey>> signer(Root root, String tufRole, String keyRole) {
        var held = keys.held(keyRole);
        if (held.isEmpty()) {
            return Optional.empty();
        }
        var stored = held.get();
        TufKey key = stored.key().publicKey();
        if (!root.keysOf(tufRole).containsKey(key.keyId())
                || root.roles().get(tufRole).threshold() != 1) {
            return Optional.empty();
        }
        return Optional.of(Map.of(key, keys.privateKey(stored)));
    }

    DevelopmentKeys keys() {
        return keys;
    }

    /** Every root version, oldest first. */
    List<Root> roots() {
        return files.all(ROOT).stream()
                .map(f -> Root.fromSigned(parse(f.body()).get("signed")))
                .toList();
    }

    TufKey key(String keyRole) {
        return keys.ensureActive(keyRole).key().publicKey();
    }

    void store(String role, long version, Envelope envelope, Instant expires, Instant now) {
        byte[] body = JSON.writeValueAsBytes(envelope.toJson());
        files.insert(
                new RepositoryFiles.File(role, version, body, expires.atOffset(ZoneOffset.UTC)),
                now.atOffset(ZoneOffset.UTC));
    }

    static JsonNode parse(byte[] body) {
        return JSON.readTree(body);
    }

    private Map<TufKey, PrivateKey> online(Root root, String tufRole, String keyRole) {
        return signer(root, tufRole, keyRole)
                .orElseThrow(() -> new IllegalStateException(
                        "the root in force does not trust the server's online " + tufRole + " key"));
    }

    private long nextVersion(String role) {
        return files.latest(role).map(f -> f.version() + 1).orElse(1L);
    }
}
