package io.pitwall.cli;

import io.pitwall.server.PitwallServerApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Runs the Pitwall server (management API, device API, reconcilers).")
class ServerCommand implements Callable<Integer> {

    private static volatile boolean serving;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N",
            description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static boolean serving() {
        return serving;
    }

    @Override
    public Integer call() {
        database.validate(spec.commandLine());
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be between 0 and 65535");
        }
        List<String> args = new ArrayList<>(database.asServerArguments());
        args.add("--server.port=" + port);
        args.add("--server.address=" + bind);
        SpringApplication.run(PitwallServerApplication.class, args.toArray(String[]::new));
        serving = true;
        System.out.println("Pitwall is serving on http://" + ("0.0.0.0".equals(bind) ? "localhost" : bind) + ":" + port
                + "  (API docs: /swagger-ui.html, OpenAPI: /v3/api-docs)");
        return 0;
    }
}
