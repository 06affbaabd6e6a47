package io.pitwall.server.commands.internal;

import io.pitwall.server.commands.CommandSettings;
import io.pitwall.server.commands.RemoteCommands;
import io.pitwall.server.shared.PeriodicTask;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** On every node: reload the open-command index and expire what waited too long, every refresh interval. */
@Configuration(proxyBeanMethods = false)
class CommandBackground {

    @Bean
    PeriodicTask diagnosticCommandRefresh(CommandSettings settings, OpenCommandIndex index, RemoteCommands commands) {
        return new PeriodicTask("diagnostic-commands", Duration.ZERO, settings.refresh(), () -> {
            commands.expireDue();
            index.reload();
        });
    }
}
