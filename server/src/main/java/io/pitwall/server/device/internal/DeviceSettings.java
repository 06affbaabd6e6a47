package io.pitwall.server.device.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Device API settings.
 *
 * @param pollIdleSeconds    check-in interval for a vehicle with nothing to do
 * @param pollActiveSeconds  check-in interval while the vehicle has an active assignment
 * @param pollJitter         relative jitter applied to every interval (0.1 = ±10 %), so fleets spread out
 * @param enrolmentSecret    fleet enrolment secret for vehicle self-enrolment; empty = self-enrolment off;
 *                           when set, at least 16 characters
 * @param credentialCacheTtl how long a node remembers what a vehicle credential resolved to (default 5 s,
 *                           0 = off); revocation and blocking reach other nodes within this time
 */
@ConfigurationProperties("pitwall.device")
public record DeviceSettings(
        Integer pollIdleSeconds,
        Integer pollActiveSeconds,
        Double pollJitter,
        String enrolmentSecret,
        Duration credentialCacheTtl) {

    public DeviceSettings {
        pollIdleSeconds = pollIdleSeconds == null ? 300 : pollIdleSeconds;
        pollActiveSeconds = pollActiveSeconds == null ? 15 : pollActiveSeconds;
        pollJitter = pollJitter == null ? 0.1 : pollJitter;
        enrolmentSecret = enrolmentSecret == null ? "" : enrolmentSecret.strip();
        credentialCacheTtl = credentialCacheTtl == null ? Duration.ofSeconds(5) : credentialCacheTtl;
        if (credentialCacheTtl.isNegative() || credentialCacheTtl.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("pitwall.device.credential-cache-ttl lies within 0 and 5 minutes");
        }
        if (pollIdleSeconds < 1 || pollActiveSeconds < 1 || pollJitter < 0 || pollJitter >= 1) {
            throw new IllegalArgumentException("poll intervals must be positive and the jitter within [0, 1)");
        }
        if (!enrolmentSecret.isEmpty() && enrolmentSecret.length() < 16) {
            throw new IllegalArgumentException("pitwall.device.enrolment-secret needs at least 16 characters");
        }
    }
}
