package io.pitwall.server.device;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Device API settings.
 *
 * @param pollIdleSeconds    check-in interval for a vehicle with nothing to do
 * @param pollActiveSeconds  check-in interval while the vehicle has an active assignment
 * @param pollJitter         relative jitter applied to every interval (0.1 = ±10 %), so fleets spread out
 * @param enrolmentSecret    fleet enrolment secret for vehicle self-enrolment; empty = self-enrolment off;
 *                           when set, at least 16 characters
 */
@ConfigurationProperties("pitwall.device")
public record DeviceSettings(Integer pollIdleSeconds, Integer pollActiveSeconds, Double pollJitter,
        String enrolmentSecret) {

    public DeviceSettings {
        pollIdleSeconds = pollIdleSeconds == null ? 300 : pollIdleSeconds;
        pollActiveSeconds = pollActiveSeconds == null ? 15 : pollActiveSeconds;
        pollJitter = pollJitter == null ? 0.1 : pollJitter;
        enrolmentSecret = enrolmentSecret == null ? "" : enrolmentSecret.strip();
        if (pollIdleSeconds < 1 || pollActiveSeconds < 1 || pollJitter < 0 || pollJitter >= 1) {
            throw new IllegalArgumentException("poll intervals must be positive and the jitter within [0, 1)");
        }
        if (!enrolmentSecret.isEmpty() && enrolmentSecret.length() < 16) {
            throw new IllegalArgumentException("pitwall.device.enrolment-secret needs at least 16 characters");
        }
    }
}
