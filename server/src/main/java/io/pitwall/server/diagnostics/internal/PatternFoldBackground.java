package io.pitwall.server.diagnostics.internal;

import io.pitwall.server.diagnostics.DiagnosticsSettings;
import io.pitwall.server.shared.PeriodicTask;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** On every node: fold appended pattern counts every {@code pitwall.diagnostics.pattern-fold} (one node at a time). */
@Configuration(proxyBeanMethods = false)
class PatternFoldBackground {

    @Bean
    PeriodicTask faultPatternFold(DiagnosticsSettings settings, PatternFold fold) {
        return new PeriodicTask("fault-pattern-fold", Duration.ZERO, settings.patternFold(), fold::foldAll);
    }
}
