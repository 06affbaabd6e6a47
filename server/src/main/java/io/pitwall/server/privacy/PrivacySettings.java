package io.pitwall.server.privacy;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Retention per data class ({@code pitwall.privacy.retention.location=30d}; keys are class codes) and how the
 * purge runs. A class without a retention is kept. Location and driver behaviour are purged by default; a
 * diagnostic retention is opt-in; an empty value keeps the class; account and service data have no time limit (they go with erasure or with
 * the vehicle), so a retention for them is refused at startup rather than silently ignored.
 *
 * @param retention     how long data of each class is kept, by class code
 * @param purgeInterval how often each node tries to purge (0 = never on this node); one node at a time purges
 * @param purgeBatch    rows changed per purge transaction
 * @param purgeLease    how long the {@code privacy-retention} lease lasts without renewal; a purge renews it before
 *                      every batch, so this only bounds how long a purge that died blocks the next one
 */
@ConfigurationProperties("pitwall.privacy")
public record PrivacySettings(
        Map<String, Duration> retention, Duration purgeInterval, Integer purgeBatch, Duration purgeLease) {

    public static final Duration DEFAULT_LOCATION = Duration.ofDays(30);
    public static final Duration DEFAULT_DRIVER_BEHAVIOUR = Duration.ofDays(90);

    public PrivacySettings {
        Map<String, Duration> merged = new java.util.LinkedHashMap<>();
        merged.put(DataClass.LOCATION.code(), DEFAULT_LOCATION);
        merged.put(DataClass.DRIVER_BEHAVIOUR.code(), DEFAULT_DRIVER_BEHAVIOUR);
        if (retention != null) {
            retention.forEach((code, keep) -> merged.put(code.toLowerCase(Locale.ROOT), keep));
        }
        for (var entry : merged.entrySet()) {
            DataClass dataClass = DataClass.ofCode(entry.getKey())
                    .orElseThrow(() -> new IllegalArgumentException(
                            "pitwall.privacy.retention." + entry.getKey() + ": no such data class"));
            if (dataClass == DataClass.ACCOUNT || dataClass == DataClass.SERVICE) {
                throw new IllegalArgumentException("pitwall.privacy.retention." + entry.getKey() + ": "
                        + dataClass.code() + " data is not purged by age");
            }
            if (entry.getValue() != null
                    && (entry.getValue().isNegative() || entry.getValue().isZero())) {
                throw new IllegalArgumentException("pitwall.privacy.retention." + entry.getKey() + " must be positive");
            }
        }
        merged.values().removeIf(java.util.Objects::isNull);
        retention = Map.copyOf(merged);
        purgeInterval = purgeInterval == null ? Duration.ofHours(1) : purgeInterval;
        purgeBatch = purgeBatch == null ? 1000 : purgeBatch;
        if (purgeBatch < 1) {
            throw new IllegalArgumentException("pitwall.privacy.purge-batch must be at least 1");
        }
        purgeLease = purgeLease == null ? Duration.ofMinutes(1) : purgeLease;
        if (purgeLease.isNegative() || purgeLease.isZero()) {
            throw new IllegalArgumentException("pitwall.privacy.purge-lease must be positive");
        }
    }

    /** The retention of each class that has one. */
    public Map<DataClass, Duration> retentions() {
        Map<DataClass, Duration> byClass = new EnumMap<>(DataClass.class);
        retention.forEach((code, keep) -> byClass.put(DataClass.ofCode(code).orElseThrow(), keep));
        return byClass;
    }
}
