package io.pitwall.agent;

import io.pitwall.protocol.device.Command;

/**
 * SPI: runs remote commands (diagnostic reads, health checks). Called from the agent loop, at least once
 * per command id — after a crash between running and recording a command it may run again, so commands
 * should be idempotent. Unknown types should answer {@link CommandResult#unsupported()}.
 */
@FunctionalInterface
public interface CommandHandler {

    CommandResult execute(Command command);

    /** A vehicle that runs no commands. */
    static CommandHandler none() {
        return command -> CommandResult.unsupported();
    }
}
