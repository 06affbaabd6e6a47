package io.pitwall.server.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code pitwall.audit.*}.
 *
 * @param sealInterval how often each node looks for committed records not yet chained (left by a crash
 *                     between a commit and its seal, or by a failed seal); normally they are chained right
 *                     after their commit, before the request answers
 * @param sealBatch    at most this many records are chained per sealing transaction
 */
@ConfigurationProperties("pitwall.audit")
public record AuditSettings(Duration sealInterval, Integer sealBatch) {

    public AuditSettings {
        sealInterval = sealInterval == null ? Duration.ofSeconds(5) : sealInterval;
        sealBatch = sealBatch == null ? 1_000 : sealBatch;
        if (sealInterval.isNegative() || sealInterval.isZero() || sealBatch < 1) {
            throw new IllegalArgumentException("pitwall.audit.seal-interval and seal-batch must be positive");
        }
    }
}
