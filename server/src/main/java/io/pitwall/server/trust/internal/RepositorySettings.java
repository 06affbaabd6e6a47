package io.pitwall.server.trust.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Image repository lifetimes. A role is re-signed once less than half of its lifetime is left, which for
 * the timestamp (1 day by default) means at least twice a day, checked every {@code refreshInterval}.
 */
@ConfigurationProperties("pitwall.trust.repository")
public record RepositorySettings(
        @DefaultValue("365d") Duration rootExpiry,
        @DefaultValue("90d") Duration targetsExpiry,
        @DefaultValue("7d") Duration snapshotExpiry,
        @DefaultValue("1d") Duration timestampExpiry,
        @DefaultValue("10m") Duration refreshInterval) {

    public RepositorySettings {
        for (Duration d : new Duration[] {rootExpiry, targetsExpiry, snapshotExpiry, timestampExpiry}) {
            if (d.compareTo(Duration.ofHours(1)) < 0) {
                throw new IllegalArgumentException("pitwall.trust.repository expiries must be at least 1 hour");
            }
        }
        if (refreshInterval.isNegative()
                || refreshInterval.isZero()
                || refreshInterval.compareTo(timestampExpiry.dividedBy(4)) > 0) {
            throw new IllegalArgumentException("pitwall.trust.repository.refresh-interval must be positive and at "
                    + "most a quarter of timestamp-expiry");
        }
    }

    /** Whether a role's file expiring at {@code expires} is due to be re-signed at {@code now}. */
    static boolean due(java.time.Instant expires, java.time.Instant now, Duration lifetime) {
        return Duration.between(now, expires).compareTo(lifetime.dividedBy(2)) < 0;
    }
}
