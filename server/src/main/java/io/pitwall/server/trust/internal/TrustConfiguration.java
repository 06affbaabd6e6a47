package io.pitwall.server.trust.internal;

import io.pitwall.server.trust.persistence.SigningKeys;
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
 * Wires development-mode signing and makes sure, at start-up, that an image-targets key exists and
 * decrypts with the configured key-encryption key (a wrong passphrase stops the server here, not later).
 */
@Configuration(proxyBeanMethods = false)
class TrustConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TrustConfiguration.class);

    @Bean
    DevelopmentKeys developmentKeys(SigningKeys keys, TrustSettings settings, ApplicationEventPublisher events,
            PlatformTransactionManager transactions, Clock clock) {
        var random = new SecureRandom();
        var encryption = new KeyEncryption(settings.keyPassphrase(), new KekFile(settings.kekFile(), random),
                settings.kdfIterations(), random);
        return new DevelopmentKeys(keys, encryption, events, transactions, clock);
    }

    @Bean
    ApplicationRunner developmentKeyCheck(DevelopmentKeys keys) {
        return args -> {
            var active = keys.ensureActive();
            keys.privateKey(active);
            log.warn("Trust: DEVELOPMENT MODE, NOT FOR PRODUCTION. Image targets entries are signed online by the "
                    + "server-held key {}. Production deployments keep root and targets keys offline.",
                    active.key().keyId());
        };
    }
}
