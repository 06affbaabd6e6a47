package io.pitwall.server.commands;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param defaultTtl  how long a command waits for its vehicle when the request names no time
 * @param maxTtl      the longest a command may wait
 * @param refresh     how often each node reloads which vehicles have open commands (the check-in asks the
 *                    database only for those); a command requested on another node reaches a check-in here
 *                    at most this much later
 */
@ConfigurationProperties("pitwall.diagnostics.commands")
public record CommandSettings(Duration defaultTtl, Duration maxTtl, Duration refresh) {

    public CommandSettings {
        defaultTtl = defaultTtl == null ? Duration.ofHours(24) : defaultTtl;
        maxTtl = maxTtl == null ? Duration.ofDays(7) : maxTtl;
        refresh = refresh == null ? Duration.ofSeconds(1) : refresh;
        if (defaultTtl.compareTo(maxTtl) > 0 || defaultTtl.isNegative() || defaultTtl.isZero()) {
            throw new IllegalArgumentException(
                    "pitwall.diagnostics.commands.default-ttl must be positive and at most max-ttl");
        }
    }
}
