package io.pitwall.agent;

import io.pitwall.protocol.device.Command;
import io.pitwall.protocol.device.EventType;
import java.time.Instant;
import java.util.List;

/** Runs each pending command once and answers it with a COMMAND_RESULT event. */
final class CommandRunner {

    private final Recorder recorder;
    private final CommandHandler handler;

    CommandRunner(Recorder recorder, CommandHandler handler) {
        this.recorder = recorder;
        this.handler = handler;
    }

    void run(List<Command> commands, Instant now) {
        for (Command command : commands) {
            Progress progress = recorder.progress();
            if (progress.handledCommands().contains(command.id())) {
                continue;
            }
            CommandResult result =
                    command.expiresAt() != null && command.expiresAt().isBefore(now)
                            ? CommandResult.expired()
                            : execute(command);
            recorder.commit(
                    progress.handled(command.id()),
                    Draft.of(EventType.COMMAND_RESULT, null, null)
                            .command(command.id())
                            .code(result.code())
                            .detail(result.detail()));
        }
    }

    private CommandResult execute(Command command) {
        try {
            CommandResult result = handler.execute(command);
            return result == null ? CommandResult.failed("handler returned nothing") : result;
        } catch (RuntimeException e) {
            return CommandResult.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
