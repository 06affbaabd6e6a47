package io.pitwall.server.diagnostics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param staleAfter    a vehicle whose last decoded DTC report arrived longer ago has {@code insufficient-data}
 * @param fleetWindow   how far back the fleet view looks when no {@code since} is given
 */
@ConfigurationProperties("pitwall.diagnostics")
public record DiagnosticsSettings(Duration staleAfter, Duration fleetWindow) {

    public DiagnosticsSettings {
        staleAfter = staleAfter == null ? Duration.ofHours(24) : staleAfter;
        fleetWindow = fleetWindow == null ? Duration.ofDays(30) : fleetWindow;
    }
}
