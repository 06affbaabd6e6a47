package io.pitwall.server.trust.internal;

import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.server.trust.SigningKey;
import io.pitwall.server.trust.persistence.RepositoryFiles;
import io.pitwall.server.trust.spi.RepositoryTargets;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Test-only access to the server's development-mode repository keys (to sign root N+1 as the current
 * root would) and a publisher on another clock (to test re-signing before expiry).
 */
public final class RepositoryTestAccess {

    private final ApplicationContext context;

    private RepositoryTestAccess(ApplicationContext context) {
        this.context = context;
    }

    public static RepositoryTestAccess of(ApplicationContext context) {
        return new RepositoryTestAccess(context);
    }

    /**
     * The server-held image root key, as a signer for {@link io.pitwall.protocol.tuf.Envelope#sign}; empty once a
     * hand-over to offline root keys destroyed it.
     */
    public Map<TufKey, PrivateKey> serverRootKey() {
        return serverKey(SigningKey.IMAGE_ROOT);
    }

    /** The server-held key of a signing-key role ({@code SigningKey.DIRECTOR_ROOT}, ...); empty when it holds none. */
    public Map<TufKey, PrivateKey> serverKey(String keyRole) {
        var keys = context.getBean(DevelopmentKeys.class);
        return keys.held(keyRole)
                .map(stored -> Map.of(stored.key().publicKey(), keys.privateKey(stored)))
                .orElse(Map.of());
    }

    /** Runs the start-up pass that destroys keys the roots in force no longer name; answers the keyids destroyed. */
    public List<String> destroySupersededKeys() {
        List<String> destroyed = new java.util.ArrayList<>(
                context.getBean(RepositoryPublisher.class).destroySupersededKeys());
        destroyed.addAll(context.getBean(DirectorRootUpdates.class).destroySupersededKeys());
        return destroyed;
    }

    /** Runs the start-up check that every ACTIVE and PENDING key decrypts; answers how many it opened. */
    public int checkAllKeysDecrypt() {
        return context.getBean(DevelopmentKeys.class).checkAllDecrypt();
    }

    /** The server-held image-targets public key (a fresh one once a hand-over destroyed the previous one). */
    public TufKey serverTargetsKey() {
        return context.getBean(DevelopmentKeys.class)
                .ensureActive(SigningKey.IMAGE_TARGETS)
                .key()
                .publicKey();
    }

    /** Signs a new timestamp as a node whose clock reads {@code clock} (in the past: an already expired one). */
    public void publishTimestampAt(Clock clock) {
        var files = context.getBean(RepositoryFiles.class);
        var chain = new RepositoryChain(
                files,
                context.getBean(DevelopmentKeys.class),
                context.getBean(RepositoryTargets.class),
                context.getBean(RepositorySettings.class));
        new org.springframework.transaction.support.TransactionTemplate(
                        context.getBean(PlatformTransactionManager.class))
                .executeWithoutResult(tx -> {
                    files.lock();
                    var now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                    chain.publishTimestamp(chain.currentRoot(now), now);
                });
    }

    /** Runs one re-signing round as a node whose clock reads {@code clock}; false when another node held the lock. */
    public boolean refreshAt(Clock clock) {
        var settings = context.getBean(RepositorySettings.class);
        var files = context.getBean(RepositoryFiles.class);
        var chain = new RepositoryChain(
                files, context.getBean(DevelopmentKeys.class), context.getBean(RepositoryTargets.class), settings);
        return new RepositoryPublisher(
                        chain, files, settings, context, context.getBean(PlatformTransactionManager.class), clock)
                .refresh();
    }
}
