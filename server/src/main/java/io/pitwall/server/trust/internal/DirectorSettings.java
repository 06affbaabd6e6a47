package io.pitwall.server.trust.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Director repository settings.
 *
 * @param rootExpiry      lifetime of a director root version
 * @param metadataExpiry  lifetime of a vehicle's targets, snapshot and timestamp (re-signed when half is left)
 * @param sweepInterval   how often every node looks for pending changes and expiring metadata (zero: never;
 *                        changes are also regenerated right after the transaction that made them commits)
 * @param batchSize       vehicles regenerated per transaction (a page: one targets query, one lease renewal and
 *                        one commit each, whose cost does not shrink with the page)
 * @param lease           how long the {@code director-regenerator} lease lasts without renewal (renewed every page
 *                        and every pending round)
 * @param pendingInterval how often every node regenerates pending changes, which a change made on a node that
 *                        does not hold the lease, or left by a holder that died, waits for: work of a dead holder
 *                        resumes within {@code lease} plus this (25 s by default); zero: only right after commits
 */
@ConfigurationProperties("pitwall.trust.director")
public record DirectorSettings(
        @DefaultValue("365d") Duration rootExpiry,
        @DefaultValue("1d") Duration metadataExpiry,
        @DefaultValue("1m") Duration sweepInterval,
        @DefaultValue("5000") int batchSize,
        @DefaultValue("20s") Duration lease,
        @DefaultValue("5s") Duration pendingInterval) {

    public DirectorSettings {
        if (rootExpiry.compareTo(Duration.ofHours(1)) < 0 || metadataExpiry.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("pitwall.trust.director expiries must be at least 1 hour");
        }
        if (sweepInterval.isNegative() || sweepInterval.compareTo(metadataExpiry.dividedBy(4)) > 0) {
            throw new IllegalArgumentException(
                    "pitwall.trust.director.sweep-interval must be between zero and a quarter of metadata-expiry");
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("pitwall.trust.director.lease must be positive");
        }
        if (pendingInterval.isNegative()) {
            throw new IllegalArgumentException("pitwall.trust.director.pending-interval must be 0 or greater");
        }
        if (batchSize < 1 || batchSize > 5000) {
            throw new IllegalArgumentException("pitwall.trust.director.batch-size must be between 1 and 5000");
        }
    }
}
