package io.pitwall.server.access.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access settings.
 *
 * @param adminPassword    password of the bootstrap {@code admin} account (from PITWALL_ADMIN_PASSWORD);
 *                         generated and printed once when empty
 * @param maxTokenLifetime the longest expiry an API token may be issued with
 * @param passwordCost     bcrypt cost (log2 rounds, 4 to 31) of new operator password hashes; stored hashes keep
 *                         the cost they were made with
 */
@ConfigurationProperties("pitwall.access")
public record AccessSettings(String adminPassword, Duration maxTokenLifetime, Integer passwordCost) {

    public AccessSettings {
        maxTokenLifetime = maxTokenLifetime == null ? Duration.ofDays(365) : maxTokenLifetime;
        passwordCost = passwordCost == null ? 10 : passwordCost;
        if (passwordCost < 4 || passwordCost > 31) {
            throw new IllegalArgumentException("pitwall.access.password-cost is 4 to 31, not " + passwordCost);
        }
    }
}
