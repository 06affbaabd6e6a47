package io.pitwall.server.access.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access settings.
 *
 * @param adminPassword    password of the bootstrap {@code admin} account (from PITWALL_ADMIN_PASSWORD);
 *                         generated and printed once when empty
 * @param maxTokenLifetime the longest expiry an API token may be issued with
 */
@ConfigurationProperties("pitwall.access")
public record AccessSettings(String adminPassword, Duration maxTokenLifetime) {

    public AccessSettings {
        maxTokenLifetime = maxTokenLifetime == null ? Duration.ofDays(365) : maxTokenLifetime;
    }
}
