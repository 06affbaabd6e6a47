package io.pitwall.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./pitwall} launcher. */
@Command(
        name = "pitwall",
        mixinStandardHelpOptions = true,
        version = "Pitwall 0.1.0",
        description = "Over-the-air updates and remote diagnostics for vehicle fleets.",
        subcommands = {
            ServerCommand.class,
            DemoCommand.class,
            SimCommand.class,
            AuditCommand.class,
            io.pitwall.cli.keys.KeysCommand.class,
            CommandLine.HelpCommand.class
        })
public class Pitwall implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0 || !(ServerCommand.serving() || DemoCommand.serving())) {
            System.exit(code);
        }
    }

    static CommandLine commandLine() {
        return new CommandLine(new Pitwall())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    // Operators get the reason, not a stack trace.
                    commandLine.getErr().println("pitwall: " + rootMessage(e));
                    return 2;
                });
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
