package io.pitwall.server.trust.internal;

import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.Root;
import io.pitwall.protocol.tuf.RootRejected;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import io.pitwall.server.trust.SigningKey;
import io.pitwall.server.trust.persistence.DirectorFiles;
import io.pitwall.server.trust.persistence.RepositoryFiles;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * The director root's use cases. Root changes of both repositories run under the image repository's lock row,
 * so proposals and uploads are serialized across nodes. Re-signing every vehicle after an online-key rotation
 * happens in the accepting transaction, page by page through {@link DirectorPublisher#regenerate}.
 */
class DirectorRootUpdates implements DirectorTrust {

    private static final Logger log = LoggerFactory.getLogger(DirectorRootUpdates.class);
    private final DirectorRoots roots;
    private final DirectorFiles files;
    private final RepositoryFiles lock;
    private final DirectorPublisher publisher;
    private final OnlineKeyRotation rotation;
    private final SupersededKeys superseded;
    private final DirectorSettings settings;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    DirectorRootUpdates(
            DirectorFiles files,
            RepositoryFiles lock,
            DevelopmentKeys keys,
            DirectorPublisher publisher,
            DirectorSettings settings,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.roots = new DirectorRoots(files, keys, settings.rootExpiry());
        this.files = files;
        this.lock = lock;
        this.publisher = publisher;
        this.rotation = new OnlineKeyRotation(
                keys,
                Map.of(
                        "targets",
                        SigningKey.DIRECTOR_TARGETS,
                        "snapshot",
                        SigningKey.DIRECTOR_SNAPSHOT,
                        "timestamp",
                        SigningKey.DIRECTOR_TIMESTAMP));
        this.superseded = SupersededKeys.ofDirector(keys);
        this.settings = settings;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Override
    public DirectorStatus status() {
        publisher.initialize();
        return transaction.execute(tx -> {
            Root root = roots.current(now());
            boolean development = roots.serverRoot(root).isPresent();
            return new DirectorStatus(
                    development ? "development" : "offline",
                    development,
                    root.version(),
                    root.expires(),
                    root.roles().get("root").threshold(),
                    rotation.active());
        });
    }

    @Override
    public byte[] currentRoot() {
        publisher.initialize();
        return files.latestRoot().orElseThrow().body();
    }

    @Override
    public ObjectNode proposeRoot() {
        publisher.initialize();
        return transaction.execute(tx -> {
            lock.lock();
            Instant now = now();
            return rotation.propose(roots.current(now), now.plus(settings.rootExpiry()));
        });
    }

    @Override
    public DirectorStatus acceptRoot(Envelope candidate) {
        UploadedIntegers.check(candidate.signed(), "director root");
        publisher.initialize();
        transaction.executeWithoutResult(tx -> {
            lock.lock();
            Instant now = now();
            Root trusted = roots.current(now);
            var serverRoot = roots.serverRoot(trusted);
            Envelope toVerify = candidate;
            if (serverRoot.isPresent() && !trusted.signedBy(candidate, "root")) {
                // Development mode hands over to offline keys: the server counter-signs as root N.
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
            if (next.consistentSnapshot()) {
                throw new ApiException(
                        422,
                        "root-invalid",
                        "a director root has consistent_snapshot false (each "
                                + "vehicle is served only its latest files)");
            }
            Map<String, String> rotated = rotation.check(next);
            rotation.promote(rotated);
            roots.store(next, toVerify, now);
            int resigned = rotated.isEmpty() ? 0 : resignEveryVehicle();
            // The development root key at the hand-over, rotated online keys: no root in force names them.
            List<String> destroyed = superseded.destroy(roots.all(), next);
            events.publishEvent(Audited.succeeded(
                    "director.root",
                    "director:root",
                    Map.of(
                            "version",
                            next.version(),
                            "rootThreshold",
                            next.roles().get("root").threshold(),
                            "rotatedOnlineKeys",
                            rotated,
                            "vehiclesResigned",
                            resigned,
                            "destroyedKeys",
                            destroyed)));
            if (!rotated.isEmpty()) {
                log.info(
                        "Director root {}: rotated the online {} keys, re-signed {} vehicles",
                        next.version(),
                        rotated.keySet(),
                        resigned);
            }
        });
        return status();
    }

    /**
     * Destroys the private half of every server key an earlier director root named and the root in force does not
     * (a database from before keys were destroyed at the hand-over); run at start-up.
     *
     * @return the keyids destroyed
     */
    List<String> destroySupersededKeys() {
        publisher.initialize();
        return transaction.execute(tx -> {
            lock.lock();
            return superseded.destroy(roots.all(), roots.current(now()));
        });
    }

    /** Every vehicle's metadata signed again with the (new) active keys, in the caller's transaction. */
    private int resignEveryVehicle() {
        int resigned = 0;
        String after = "";
        List<String> page;
        while (!(page = files.vinsAfter(after, settings.batchSize())).isEmpty()) {
            resigned += publisher.regenerate(page, true, null);
            after = page.get(page.size() - 1);
        }
        return resigned;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
