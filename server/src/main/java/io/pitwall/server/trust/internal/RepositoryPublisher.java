package io.pitwall.server.trust.internal;

import static io.pitwall.server.trust.internal.RepositoryChain.ROOT;
import static io.pitwall.server.trust.internal.RepositoryChain.SNAPSHOT;
import static io.pitwall.server.trust.internal.RepositoryChain.TARGETS;
import static io.pitwall.server.trust.internal.RepositoryChain.TIMESTAMP;

import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.Root;
import io.pitwall.protocol.tuf.RootRejected;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.protocol.tuf.TufTime;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import io.pitwall.server.trust.ImageRepository;
import io.pitwall.server.trust.RepositoryStatus;
import io.pitwall.server.trust.SigningKey;
import io.pitwall.server.trust.persistence.RepositoryFiles;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The image repository's use cases. Every change runs under the repository lock row; the periodic
 * {@link #refresh()} takes it with SKIP LOCKED, so on several nodes one re-signs and the others skip.
 */
class RepositoryPublisher implements ImageRepository {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RepositoryPublisher.class);
    private static final Pattern VERSIONED = Pattern.compile("([1-9][0-9]{0,17})\\.(root|snapshot|targets)\\.json");
    private final RepositoryChain chain;
    private final RepositoryFiles files;
    private final RepositorySettings settings;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final OnlineKeyRotation rotation;
    private final SupersededKeys superseded;

    RepositoryPublisher(
            RepositoryChain chain,
            RepositoryFiles files,
            RepositorySettings settings,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.chain = chain;
        this.files = files;
        this.settings = settings;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.rotation = new OnlineKeyRotation(
                chain.keys(), Map.of(SNAPSHOT, SigningKey.IMAGE_SNAPSHOT, TIMESTAMP, SigningKey.IMAGE_TIMESTAMP));
        this.superseded = SupersededKeys.ofImage(chain.keys());
    }

    /** Creates root 1 and the first targets, snapshot and timestamp when the repository is empty. */
    void initialize() {
        transaction.executeWithoutResult(tx -> {
            files.lock();
            if (files.latest(TIMESTAMP).isEmpty()) {
                Root root = chain.currentRoot(now());
                if (!chain.publishTargets(root, now()) && files.latest(TARGETS).isPresent()) {
                    chain.publishSnapshot(root, now());
                }
            }
        });
    }

    @Override
    public void targetsChanged() {
        transaction.executeWithoutResult(tx -> {
            files.lock();
            if (!chain.publishTargets(chain.currentRoot(now()), now())) {
                log.warn("The image repository's targets keys are offline: the changed target list is served once "
                        + "signed with ./pitwall keys sign-targets");
            }
        });
    }

    /**
     * Re-signs whatever is due (less than half its lifetime left): root and targets only while the server
     * holds their keys, snapshot and timestamp always.
     *
     * @return whether this node held the lock (false: another node is doing the round)
     */
    boolean refresh() {
        Boolean done = transaction.execute(tx -> {
            if (!files.tryLock()) {
                return false;
            }
            Instant now = now();
            Root root = chain.currentRoot(now);
            if (due(ROOT, now, settings.rootExpiry()) && chain.renewRoot(root, now)) {
                root = chain.currentRoot(now);
            }
            if (due(TARGETS, now, settings.targetsExpiry()) && chain.publishTargets(root, now)) {
                return true;
            }
            if (due(SNAPSHOT, now, settings.snapshotExpiry())) {
                chain.publishSnapshot(root, now);
            } else if (due(TIMESTAMP, now, settings.timestampExpiry())) {
                chain.publishTimestamp(root, now);
            }
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    @Override
    public void acceptRoot(Envelope candidate) {
        UploadedIntegers.check(candidate.signed(), "root");
        transaction.executeWithoutResult(tx -> {
            files.lock();
            Instant now = now();
            Root trusted = chain.currentRoot(now);
            // Development mode hands over to offline keys: while the server holds the root key in force, it
            // counter-signs root N+1 as root N would; the new root's own threshold must still be met.
            var serverRoot = chain.signer(trusted, ROOT, SigningKey.IMAGE_ROOT);
            Envelope toVerify = candidate;
            if (serverRoot.isPresent() && !trusted.signedBy(candidate, ROOT)) {
                toVerify = Ed25519Signing.withSignatures(candidate, serverRoot.get());
            }
            Root next;
            try {
                next = trusted.verifyNext(toVerify, now);
            } catch (RootRejected e) {
                throw new ApiException(422, e.code(), e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new ApiException(422, "root-invalid", e.getMessage());
            }
            if (!next.consistentSnapshot()) {
                throw new ApiException(422, "root-invalid", "consistent_snapshot must be true");
            }
            Map<String, String> rotated = rotation.check(next);
            // The switch is atomic: the new keys become active, and snapshot and timestamp are re-signed with
            // them, in the transaction that stores root N+1.
            rotation.promote(rotated);
            chain.store(ROOT, next.version(), toVerify, next.expires(), now);
            if (!chain.publishTargets(next, now)) {
                chain.publishSnapshot(next, now);
            }
            // Keys root N+1 lets go of (the development root and targets keys at the hand-over, rotated online
            // keys) could still sign a forged root N+2 or metadata for a client holding an older root: destroyed.
            List<String> destroyed = superseded.destroy(chain.roots(), next);
            events.publishEvent(Audited.succeeded(
                    "repository.root",
                    "repository:root",
                    Map.of(
                            "version",
                            next.version(),
                            "rootThreshold",
                            next.roles().get(ROOT).threshold(),
                            "targetsThreshold",
                            next.roles().get(TARGETS).threshold(),
                            "rotatedOnlineKeys",
                            rotated,
                            "destroyedKeys",
                            destroyed)));
        });
    }

    /**
     * Destroys the private half of every server key an earlier root named and the root in force does not (a
     * database from before keys were destroyed at the hand-over); run at start-up.
     *
     * @return the keyids destroyed
     */
    List<String> destroySupersededKeys() {
        return transaction.execute(tx -> {
            files.lock();
            if (files.latest(ROOT).isEmpty()) {
                return List.of();
            }
            return superseded.destroy(chain.roots(), chain.currentRoot(now()));
        });
    }

    @Override
    public ObjectNode proposeRoot() {
        return transaction.execute(tx -> {
            files.lock();
            Instant now = now();
            return rotation.propose(chain.currentRoot(now), now.plus(settings.rootExpiry()));
        });
    }

    @Override
    public ObjectNode unsignedTargets() {
        Instant now = now();
        long version = files.latest(TARGETS).map(f -> f.version() + 1).orElse(1L);
        return chain.unsignedTargets(version, now.plus(settings.targetsExpiry()));
    }

    @Override
    public void acceptTargets(Envelope signedTargets) {
        UploadedIntegers.check(signedTargets.signed(), "targets metadata");
        transaction.executeWithoutResult(tx -> {
            files.lock();
            Instant now = now();
            Root root = chain.currentRoot(now);
            JsonNode signed = signedTargets.signed();
            Instant expires;
            try {
                expires = TufTime.parse(signed.path("expires").asString(""));
            } catch (IllegalArgumentException e) {
                throw new ApiException(422, "targets-invalid", e.getMessage());
            }
            if (!"targets".equals(signed.path("_type").asString(""))
                    || !signed.path("version").isIntegralNumber()
                    || !signed.path("targets").isObject()
                    || !signed.path("spec_version").asString("").startsWith("1.")) {
                throw new ApiException(422, "targets-invalid", "not TUF 1.x targets metadata");
            }
            UploadedTargetsShape.check(signed);
            long version = signed.get("version").longValue();
            long latest =
                    files.latest(TARGETS).map(RepositoryFiles.File::version).orElse(0L);
            if (version <= latest) {
                throw new ApiException(422, "targets-version-not-newer", "targets version must be above " + latest);
            }
            if (!expires.isAfter(now)) {
                throw new ApiException(422, "targets-expired", "targets version " + version + " is already expired");
            }
            boolean signedEnough;
            try {
                signedEnough = root.signedBy(signedTargets, TARGETS);
            } catch (IllegalArgumentException e) {
                throw new ApiException(422, "targets-invalid", e.getMessage());
            }
            if (!signedEnough) {
                throw new ApiException(
                        422,
                        "targets-signature-threshold",
                        "not signed by " + root.roles().get(TARGETS).threshold() + " of the root's targets keys");
            }
            chain.storeTargets(root, signedTargets, version, expires, now);
            events.publishEvent(Audited.succeeded(
                    "repository.targets",
                    "repository:targets",
                    Map.of("version", version, "targets", signed.get("targets").size())));
        });
    }

    @Override
    public Optional<byte[]> file(String name) {
        Matcher m = VERSIONED.matcher(name);
        if (m.matches()) {
            return files.version(m.group(2), Long.parseLong(m.group(1))).map(RepositoryFiles.File::body);
        }
        return switch (name) {
            case "timestamp.json" -> files.latest(TIMESTAMP).map(RepositoryFiles.File::body);
            case "root.json" -> files.latest(ROOT).map(RepositoryFiles.File::body);
            case "snapshot.json" -> files.latest(SNAPSHOT).map(RepositoryFiles.File::body);
            case "targets.json" -> files.latest(TARGETS).map(RepositoryFiles.File::body);
            default -> Optional.empty();
        };
    }

    @Override
    public RepositoryStatus status() {
        Map<String, Long> versions = new LinkedHashMap<>();
        Map<String, Instant> expires = new LinkedHashMap<>();
        for (String role : Root.ROLES) {
            files.latest(role).ifPresent(f -> {
                versions.put(role, f.version());
                expires.put(role, f.expiresAt().toInstant());
            });
        }
        Root root = files.latest(ROOT)
                .map(f -> Root.fromSigned(RepositoryChain.parse(f.body()).get("signed")))
                .orElse(null);
        boolean development = root == null
                || chain.signer(root, ROOT, SigningKey.IMAGE_ROOT).isPresent()
                || chain.signer(root, TARGETS, SigningKey.IMAGE_TARGETS).isPresent();
        return new RepositoryStatus(
                development ? "development" : "offline",
                development,
                chain.targetsCurrent(),
                versions,
                expires,
                onlineKeys());
    }

    Map<String, TufKey> onlineKeys() {
        return rotation.active();
    }

    private boolean due(String role, Instant now, java.time.Duration lifetime) {
        return files.latest(role)
                .map(f -> RepositorySettings.due(f.expiresAt().toInstant(), now, lifetime))
                .orElse(false);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
