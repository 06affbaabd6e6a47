package io.pitwall.server.privacy.internal;

import io.pitwall.server.privacy.PrivacySettings;
import io.pitwall.server.privacy.RetentionPurge;
import io.pitwall.server.shared.PeriodicTask;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs the retention purge every {@code pitwall.privacy.purge-interval} on every node (one purges at a time). */
@Configuration(proxyBeanMethods = false)
class RetentionSchedule {

    @Bean
    PeriodicTask retentionPurgeTask(RetentionPurge purge, PrivacySettings settings) {
        Duration interval = settings.purgeInterval();
        Duration first = Duration.ofMinutes(1).compareTo(interval) < 0 ? Duration.ofMinutes(1) : interval;
        return new PeriodicTask("privacy-retention-purge", first, interval, purge::purgeOnce);
    }
}
