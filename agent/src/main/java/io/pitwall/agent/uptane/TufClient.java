package io.pitwall.agent.uptane;

import io.pitwall.agent.MetadataStore;
import io.pitwall.agent.uptane.UptaneRejected.Reason;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.Root;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * A TUF 1.0 client for one repository (spec §"Detailed client workflow"): root by the N+1 chain (each new root
 * signed by a threshold of the old and of its own keys), then timestamp, snapshot and targets, each checked for
 * signature threshold, version rollback, the version and hashes the role above names, size, and expiry at one
 * update start time from {@link TrustedTime}. Delegations are resolved per target ({@link #findTarget}).
 *
 * <p>The root chain is persisted as it is followed (spec 5.3.8), with the fast-forward recovery it calls for: a
 * root carries nothing vehicle-specific and only a threshold of the previous root's keys can sign one. Everything
 * else of an {@link #update()} is only a candidate: verified as TUF, but neither persisted nor trusted (the next
 * update's rollback checks still compare against what was trusted before) until it is {@link Update#commit()
 * committed}, which a caller does once its own checks passed too (an Uptane primary: VIN, ECUs, agreement with the
 * image repository). So metadata refused for another reason, another vehicle's director metadata say, cannot raise
 * the versions this vehicle's own metadata is compared against. Committed files are persisted through the
 * {@link MetadataStore} under {@code <name>.<role>.json} as received, and kept in memory, so an unchanged
 * repository costs one timestamp download. Not thread-safe.
 */
public final class TufClient {

    private final String name;
    private final Fetcher fetcher;
    private final MetadataStore store;
    private final TrustedTime time;
    private final Limits limits;
    private final Delegations delegations;
    /** What is trusted now; null until loaded from the store. */
    private Trusted trusted;

    /** The trusted root and role files (timestamp, snapshot, targets: null when none is trusted yet). */
    private record Trusted(Root root, Envelope timestamp, Envelope snapshot, Envelope targets) {}

    /**
     * @param name prefix of this repository's stored documents, e.g. {@code image} or {@code director}
     */
    public TufClient(String name, Fetcher fetcher, MetadataStore store, TrustedTime time, Limits limits) {
        if (!MetadataStore.validName(name) || name.contains(".")) {
            throw new IllegalArgumentException("a repository name is lower-case letters, digits and dashes");
        }
        this.name = name;
        this.fetcher = fetcher;
        this.store = store;
        this.time = time;
        this.limits = limits;
        this.delegations = new Delegations(this, limits.maxDelegations(), limits.targetsBytes());
    }

    /**
     * Installs the root obtained out of band (at manufacture) unless a root is already trusted. It must be signed
     * by a threshold of its own root keys; its expiry does not matter yet.
     */
    public void provision(byte[] rootJson) {
        if (store.read(file("root")).isPresent()) {
            return;
        }
        Envelope envelope = Checks.parse(rootJson, "provisioned root");
        Root provisioned = Checks.readRoot(envelope, "provisioned root");
        Checks.signedByRole(envelope, provisioned, "root", "provisioned root");
        store.write(file("root"), rootJson);
    }

    /**
     * Brings the trusted metadata up to date: {@link #update()}, committed at once (a plain TUF client).
     *
     * @throws UptaneRejected with the reason the repository's metadata was refused; what was trusted stays trusted
     */
    public void refresh() {
        update().commit();
    }

    /**
     * Follows the root chain (persisted as it goes), then downloads and verifies the repository's timestamp,
     * snapshot and targets against what is trusted, without persisting or trusting them.
     *
     * @throws UptaneRejected with the reason the repository's metadata was refused; what was trusted stays trusted
     *                        (roots already followed included)
     */
    public Update update() {
        Instant now = time.now();
        time.attest(now);
        Update update = new Update(updateRoot(loadTrusted(), now), now);
        update.updateTimestamp();
        update.updateSnapshot();
        update.updateTargets();
        return update;
    }

    /** The signed part of the trusted top-level targets (after a committed update). */
    public JsonNode targets() {
        return requireRefreshed().targets().signed();
    }

    public long rootVersion() {
        return loadTrusted().root().version();
    }

    /**
     * The trusted entry for {@code path}: listed by the top-level targets, or found by a pre-order depth-first
     * search of the delegations whose path patterns match along the whole chain. Empty when no role lists it.
     */
    public Optional<TargetFile> findTarget(String path) {
        Trusted current = requireRefreshed();
        Map<String, byte[]> persist = new LinkedHashMap<>();
        Optional<TargetFile> found = delegations.find(
                Checks.safePath(path),
                current.targets(),
                current.snapshot(),
                current.root().consistentSnapshot(),
                time.now(),
                persist);
        persist.forEach(store::write);
        return found;
    }

    /**
     * A verified candidate state of the repository under the trusted root: timestamp, snapshot and targets, with the
     * bytes to persist. Only {@link #commit()} makes it trusted.
     */
    public final class Update {

        private final Trusted base;
        private final Instant now;
        private final Root root;
        private Envelope timestamp;
        private Envelope snapshot;
        private Envelope targets;
        /** Store name → bytes to write on commit. */
        private final Map<String, byte[]> writes = new LinkedHashMap<>();

        private boolean committed;

        private Update(Trusted base, Instant now) {
            this.base = base;
            this.now = now;
            this.root = base.root();
            this.timestamp = base.timestamp();
            this.snapshot = base.snapshot();
            this.targets = base.targets();
        }

        /** The signed part of the candidate top-level targets. */
        public JsonNode targets() {
            return targets.signed();
        }

        public long rootVersion() {
            return root.version();
        }

        /** {@link TufClient#findTarget} in the candidate metadata; delegated roles it loads are persisted on commit. */
        public Optional<TargetFile> findTarget(String path) {
            return delegations.find(Checks.safePath(path), targets, snapshot, root.consistentSnapshot(), now, writes);
        }

        /**
         * Persists the candidate and trusts it from now on.
         *
         * @throws IllegalStateException when another update of this client was committed since this one was made
         */
        public void commit() {
            if (committed || trusted != base) {
                throw new IllegalStateException("this update of the " + name + " repository is stale");
            }
            writes.forEach(store::write);
            trusted = new Trusted(root, timestamp, snapshot, targets);
            committed = true;
        }

        private void updateTimestamp() {
            byte[] bytes = fetcher.fetch("timestamp.json", limits.timestampBytes())
                    .orElseThrow(() ->
                            new UptaneRejected(Reason.MISSING, "the " + name + " repository has no timestamp.json"));
            Envelope fresh = Checks.parse(bytes, "timestamp");
            long version = Checks.typed(fresh, "timestamp", "timestamp");
            Checks.signedByRole(fresh, root, "timestamp", "timestamp");
            long snapshotVersion = Checks.metaVersion(fresh, "snapshot.json", "timestamp");
            if (timestamp != null) {
                long trustedVersion = timestamp.signed().path("version").longValue();
                if (version < trustedVersion) {
                    throw new UptaneRejected(
                            Reason.ROLLBACK,
                            "timestamp version " + version + " is below the trusted " + trustedVersion);
                }
                if (version == trustedVersion) {
                    if (Checks.expired(timestamp, now)) {
                        throw new UptaneRejected(
                                Reason.FREEZE,
                                "no newer timestamp than version " + trustedVersion + ", which has expired");
                    }
                    return;
                }
                long trustedSnapshot = Checks.metaVersion(timestamp, "snapshot.json", "trusted timestamp");
                if (snapshotVersion < trustedSnapshot) {
                    throw new UptaneRejected(
                            Reason.ROLLBACK,
                            "timestamp names snapshot version " + snapshotVersion + ", below the trusted "
                                    + trustedSnapshot);
                }
            }
            if (Checks.expired(fresh, now)) {
                throw new UptaneRejected(Reason.EXPIRED, "timestamp version " + version + " has expired");
            }
            writes.put(file("timestamp"), bytes);
            timestamp = fresh;
        }

        private void updateSnapshot() {
            snapshot = current(
                    "snapshot", timestamp, "timestamp", snapshot, limits.snapshotBytes(), this::noListedFileRolledBack);
        }

        private void updateTargets() {
            targets = current("targets", snapshot, "snapshot", targets, limits.targetsBytes(), fresh -> {});
        }

        /**
         * The role's file as {@code referrer} names it: the trusted one while its version is current (it must not
         * have expired: nothing newer is offered, so that would be a freeze), else downloaded (versioned name when
         * consistent), at most the listed length, with the listed hashes, signed by the role's threshold, of exactly
         * the named version, passing {@code extra}, unexpired; then staged for persisting.
         */
        private Envelope current(
                String role,
                Envelope referrer,
                String referrerRole,
                Envelope trustedFile,
                long defaultLimit,
                Consumer<Envelope> extra) {
            String file = role + ".json";
            long version = Checks.metaVersion(referrer, file, referrerRole);
            if (trustedFile != null && trustedFile.signed().path("version").longValue() == version) {
                if (Checks.expired(trustedFile, now)) {
                    throw new UptaneRejected(Reason.FREEZE, role + " version " + version + " has expired");
                }
                return trustedFile;
            }
            String fileName = root.consistentSnapshot() ? version + "." + file : file;
            byte[] bytes = download(fileName, referrer.signed().path("meta").path(file), defaultLimit);
            Envelope fresh = Checks.parse(bytes, role);
            long actual = Checks.typed(fresh, role, role);
            Checks.signedByRole(fresh, root, role, role);
            if (actual != version) {
                throw new UptaneRejected(
                        Reason.MIX_AND_MATCH,
                        referrerRole + " names " + role + " version " + version + ", got " + actual);
            }
            extra.accept(fresh);
            if (Checks.expired(fresh, now)) {
                throw new UptaneRejected(Reason.EXPIRED, role + " version " + actual + " has expired");
            }
            writes.put(file(role), bytes);
            return fresh;
        }

        /** Every file the trusted snapshot lists is still listed, at no lower version. */
        private void noListedFileRolledBack(Envelope fresh) {
            if (snapshot == null) {
                return;
            }
            for (var entry : snapshot.signed().path("meta").properties()) {
                JsonNode listed = fresh.signed().path("meta").path(entry.getKey());
                long trustedVersion = entry.getValue().path("version").longValue();
                if (listed.isMissingNode()) {
                    throw new UptaneRejected(Reason.ROLLBACK, "snapshot drops " + entry.getKey());
                }
                if (listed.path("version").longValue() < trustedVersion) {
                    throw new UptaneRejected(
                            Reason.ROLLBACK,
                            "snapshot lists " + entry.getKey() + " version "
                                    + listed.path("version").longValue() + ", below the trusted " + trustedVersion);
                }
            }
        }
    }

    /**
     * Follows the chain from {@code current}: each root N+1 must be signed by a threshold of root N's keys and of its
     * own and carry version N+1; each is persisted and trusted at once, and rotated online keys forget the files they
     * could have inflated. Only the final root must be unexpired.
     */
    private Trusted updateRoot(Trusted current, Instant now) {
        int rotations = 0;
        while (rotations < limits.maxRootRotations()) {
            Root root = current.root();
            long next = root.version() + 1;
            Optional<byte[]> bytes = fetcher.fetch(next + ".root.json", limits.rootBytes());
            if (bytes.isEmpty()) {
                break;
            }
            String what = "root version " + next;
            Envelope envelope = Checks.parse(bytes.get(), what);
            Root candidate = Checks.readRoot(envelope, what);
            Checks.signedByRole(envelope, root, "root", what + " (by the keys of version " + root.version() + ")");
            Checks.signedByRole(envelope, candidate, "root", what + " (by its own keys)");
            if (candidate.version() != next) {
                throw new UptaneRejected(
                        Reason.ROOT_VERSION, next + ".root.json carries version " + candidate.version());
            }
            store.write(file("root"), bytes.get());
            current = fastForwardRecovery(current, candidate);
            trusted = current;
            rotations++;
        }
        if (!current.root().expires().isAfter(now)) {
            throw new UptaneRejected(
                    rotations == 0 ? Reason.FREEZE : Reason.EXPIRED,
                    "root version " + current.root().version() + " expired at "
                            + current.root().expires());
        }
        return current;
    }

    /** Rotated online keys may have signed absurd versions; forget what the rollback checks compare against. */
    private Trusted fastForwardRecovery(Trusted previous, Root root) {
        boolean timestampKeys =
                !previous.root().roles().get("timestamp").equals(root.roles().get("timestamp"));
        boolean snapshotKeys =
                !previous.root().roles().get("snapshot").equals(root.roles().get("snapshot"));
        boolean targetsKeys =
                !previous.root().roles().get("targets").equals(root.roles().get("targets"));
        Envelope timestamp = previous.timestamp();
        Envelope snapshot = previous.snapshot();
        Envelope targets = previous.targets();
        if (timestampKeys || snapshotKeys) {
            store.delete(file("timestamp"));
            timestamp = null;
        }
        if (snapshotKeys || targetsKeys) {
            store.delete(file("snapshot"));
            snapshot = null;
        }
        if (targetsKeys) {
            store.delete(file("targets"));
            targets = null;
        }
        return new Trusted(root, timestamp, snapshot, targets);
    }

    String file(String role) {
        return name + "." + role + ".json";
    }

    private Trusted requireRefreshed() {
        Trusted current = loadTrusted();
        if (current.targets() == null) {
            throw new IllegalStateException("refresh() first");
        }
        return current;
    }

    private Trusted loadTrusted() {
        if (trusted != null) {
            return trusted;
        }
        byte[] bytes = store.read(file("root"))
                .orElseThrow(() ->
                        new UptaneRejected(Reason.NO_TRUSTED_ROOT, "no trusted root for the " + name + " repository"));
        Envelope envelope = Checks.parse(bytes, "trusted root");
        Root root = Checks.readRoot(envelope, "trusted root");
        Checks.signedByRole(envelope, root, "root", "trusted root");
        trusted = new Trusted(root, loadRole(root, "timestamp"), loadRole(root, "snapshot"), loadRole(root, "targets"));
        return trusted;
    }

    /** A stored role file still valid under the trusted root; anything else is forgotten. */
    private Envelope loadRole(Root root, String role) {
        Optional<byte[]> bytes = store.read(file(role));
        if (bytes.isEmpty()) {
            return null;
        }
        try {
            Envelope envelope = Checks.parse(bytes.get(), "trusted " + role);
            Checks.typed(envelope, role, "trusted " + role);
            Checks.signedByRole(envelope, root, role, "trusted " + role);
            return envelope;
        } catch (UptaneRejected e) {
            store.delete(file(role));
            return null;
        }
    }

    /** Downloads a file that {@code meta} describes: at most its length, and its hashes when listed. */
    byte[] download(String fileName, JsonNode meta, long defaultLimit) {
        long max = meta.path("length").isIntegralNumber() ? meta.path("length").longValue() : defaultLimit;
        byte[] bytes = fetcher.fetch(fileName, max)
                .orElseThrow(
                        () -> new UptaneRejected(Reason.MISSING, "the " + name + " repository has no " + fileName));
        if (meta.path("length").isIntegralNumber() && bytes.length != max) {
            throw new UptaneRejected(
                    Reason.LENGTH_MISMATCH, fileName + " has " + bytes.length + " bytes, listed " + max);
        }
        if (meta.path("hashes").isObject()) {
            Map<String, String> hashes = new LinkedHashMap<>();
            meta.path("hashes")
                    .properties()
                    .forEach(e -> hashes.put(e.getKey(), e.getValue().asString("")));
            TargetFile.checkHashes(fileName, hashes, bytes);
        }
        return bytes;
    }
}
