package io.pitwall.server.diagnostics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param staleAfter    a vehicle whose last decoded DTC report arrived longer ago has {@code insufficient-data}
 * @param fleetWindow   how far back the fleet view looks when no {@code since} is given
 * @param patternFold   how often a node folds appended pattern counts into the rollup (zero: never on this node)
 */
@ConfigurationProperties("pitwall.diagnostics")
public record DiagnosticsSettings(Duration staleAfter, Duration fleetWindow, Duration patternFold) {

    public DiagnosticsSettings {
        staleAfter = staleAfter == null ? Duration.ofHours(24) : staleAfter;
        fleetWindow = fleetWindow == null ? Duration.ofDays(30) : fleetWindow;
        patternFold = patternFold == null ? Duration.ofSeconds(1) : patternFold;
        if (patternFold.isNegative()) {
            throw new IllegalArgumentException("pitwall.diagnostics.pattern-fold must not be negative");
        }
    }
}
