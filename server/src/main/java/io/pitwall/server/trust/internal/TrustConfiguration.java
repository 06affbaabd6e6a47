package io.pitwall.server.trust.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.pitwall.server.shared.Leases;
import io.pitwall.server.shared.PeriodicTask;
import io.pitwall.server.trust.persistence.DirectorFiles;
import io.pitwall.server.trust.persistence.RepositoryFiles;
import io.pitwall.server.trust.persistence.SigningKeys;
import io.pitwall.server.trust.spi.DirectorTargets;
import io.pitwall.server.trust.spi.RepositoryTargets;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires development-mode signing and makes sure, at start-up, that no key the roots in force have let go of keeps
 * its private half, and that an image-targets key exists and decrypts with the configured key-encryption key (a
 * wrong passphrase stops the server here, not later).
 */
@Configuration(proxyBeanMethods = false)
class TrustConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TrustConfiguration.class);

    @Bean
    DevelopmentKeys developmentKeys(
            SigningKeys keys,
            TrustSettings settings,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            Clock clock) {
        var random = new SecureRandom();
        var encryption = new KeyEncryption(
                settings.keyPassphrase(),
                settings.kekBytes(),
                new KekFile(settings.kekFile(), random),
                settings.kdfIterations(),
                random);
        return new DevelopmentKeys(keys, encryption, events, transactions, clock);
    }

    @Bean
    RepositoryPublisher imageRepository(
            DevelopmentKeys keys,
            RepositoryFiles files,
            RepositoryTargets targets,
            RepositorySettings settings,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            Clock clock) {
        return new RepositoryPublisher(
                new RepositoryChain(files, keys, targets, settings), files, settings, events, transactions, clock);
    }

    @Bean
    PeriodicTask imageRepositoryRefresher(RepositoryPublisher publisher, RepositorySettings settings) {
        // Safe on several nodes: each round runs under the repository lock row taken with SKIP LOCKED.
        return new PeriodicTask(
                "image-repository-refresher",
                settings.refreshInterval(),
                settings.refreshInterval(),
                publisher::refresh);
    }

    @Bean
    DirectorPublisher directorRepository(
            DirectorFiles files,
            DevelopmentKeys keys,
            DirectorTargets targets,
            DirectorSettings settings,
            Leases leases,
            PlatformTransactionManager transactions,
            Clock clock,
            MeterRegistry meters) {
        return new DirectorPublisher(files, keys, targets, settings, leases, transactions, clock, meters);
    }

    @Bean
    DirectorRootUpdates directorTrust(
            DirectorFiles files,
            RepositoryFiles lock,
            DevelopmentKeys keys,
            DirectorPublisher director,
            DirectorSettings settings,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            Clock clock) {
        return new DirectorRootUpdates(files, lock, keys, director, settings, events, transactions, clock);
    }

    @Bean
    PeriodicTask directorSweeper(DirectorPublisher director, DirectorSettings settings) {
        // Safe on several nodes: regeneration runs under the director-regenerator lease.
        return new PeriodicTask(
                "director-sweeper", settings.sweepInterval(), settings.sweepInterval(), director::sweep);
    }

    @Bean
    PeriodicTask directorPendingChanges(DirectorPublisher director, DirectorSettings settings) {
        // Changes committed on a node without the lease, or left by a holder that died, wait for this round.
        return new PeriodicTask(
                "director-pending", settings.pendingInterval(), settings.pendingInterval(), director::pendingRound);
    }

    @Bean
    ApplicationRunner developmentKeyCheck(
            DevelopmentKeys keys,
            RepositoryPublisher repository,
            DirectorPublisher director,
            DirectorRootUpdates directorRoots) {
        return args -> {
            repository.initialize();
            director.initialize();
            // A database from before superseded keys were destroyed at the hand-over still holds them.
            var destroyed = new java.util.ArrayList<>(repository.destroySupersededKeys());
            destroyed.addAll(directorRoots.destroySupersededKeys());
            if (!destroyed.isEmpty()) {
                log.warn(
                        "Trust: destroyed the private halves of {} signing keys that the roots in force no longer "
                                + "name: {}",
                        destroyed.size(),
                        destroyed);
            }
            var active = keys.ensureActive();
            // Every held key must open with the configured key-encryption key: fail here, not at first signing.
            keys.checkAllDecrypt();
            var status = repository.status();
            if (status.notForProduction()) {
                log.warn(
                        "Trust: DEVELOPMENT MODE, NOT FOR PRODUCTION. The image repository's root and/or targets "
                                + "keys are held online by this server (image targets key {}). Production keeps root and "
                                + "targets keys offline: see ./pitwall keys.",
                        active.key().keyId());
            } else {
                log.info(
                        "Trust: image repository root version {} with offline root and targets keys",
                        status.versions().get("root"));
            }
        };
    }
}
