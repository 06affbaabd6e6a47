package io.pitwall.server.shared.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How long and how many request bodies may keep the server waiting. While a body is awaited its request holds a
 * request thread, so a client that sends a body slowly, or not at all, takes a thread away from everyone else
 * ({@link BodyReads}). How long request lines and headers may take is Tomcat's {@code server.tomcat.connection-timeout}
 * (they hold a connection, not a thread).
 *
 * @param bodyReadTimeout longest silence while a request body arrives (Tomcat's connection upload timeout); the
 *                        request then fails with 408 and its connection is closed
 * @param minBodyRate     the average rate, per second, at which a body must arrive once it has kept the server
 *                        waiting longer than {@code bodyRateGrace}; a slower one fails with 408
 *                        {@code body-too-slow} (zero: no minimum)
 * @param bodyRateGrace   how long a body may keep the server waiting before its rate counts
 * @param maxBodyWaits    requests that may wait for body bytes at once; one more that would wait is refused at once
 *                        with 503 {@code server-busy} (zero: no limit). Keep it well below Tomcat's
 *                        {@code server.tomcat.threads.max}, so the rest of the threads stay free for other requests.
 */
@ConfigurationProperties("pitwall.http")
public record HttpSettings(
        @DefaultValue("20s") Duration bodyReadTimeout,
        @DefaultValue("1KB") DataSize minBodyRate,
        @DefaultValue("10s") Duration bodyRateGrace,
        @DefaultValue("64") int maxBodyWaits) {

    public HttpSettings {
        if (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero()) {
            throw new IllegalArgumentException("pitwall.http.body-read-timeout must be positive");
        }
        if (minBodyRate.isNegative() || bodyRateGrace.isNegative() || maxBodyWaits < 0) {
            throw new IllegalArgumentException(
                    "pitwall.http.min-body-rate, body-rate-grace and max-body-waits must not be negative");
        }
    }
}
