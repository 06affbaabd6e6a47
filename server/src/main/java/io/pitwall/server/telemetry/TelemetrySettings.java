package io.pitwall.server.telemetry;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxClockSkew how far in the future an event's occurredAt may lie before it is flagged
 */
@ConfigurationProperties("pitwall.telemetry")
public record TelemetrySettings(Duration maxClockSkew) {

    public TelemetrySettings {
        maxClockSkew = maxClockSkew == null ? Duration.ofMinutes(5) : maxClockSkew;
    }
}
