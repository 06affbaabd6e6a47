package io.pitwall.cli;

import io.pitwall.server.PitwallServerApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        description = "Runs the Pitwall server (management API, device API, reconcilers).")
class ServerCommand implements Callable<Integer> {

    private static volatile boolean serving;

    @Mixin
    DatabaseOptions database;

    @Option(
            names = "--port",
            defaultValue = "8080",
            paramLabel = "N",
            description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--bind",
            defaultValue = "0.0.0.0",
            paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(
            names = "--header-timeout",
            paramLabel = "D",
            converter = DurationConverter.class,
            description = "Longest silence while a request line and headers arrive (default: 20s, "
                    + "server.tomcat.connection-timeout).")
    Duration headerTimeout;

    @Option(
            names = "--body-read-timeout",
            paramLabel = "D",
            converter = DurationConverter.class,
            description = "Longest silence while a request body arrives; the request then gets 408 (default: 20s, "
                    + "pitwall.http.body-read-timeout).")
    Duration bodyReadTimeout;

    @Option(
            names = "--max-body-waits",
            paramLabel = "N",
            description = "Requests that may wait for their bodies at once; one more gets 503 (default: 64, 0 = no "
                    + "limit, pitwall.http.max-body-waits).")
    Integer maxBodyWaits;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static boolean serving() {
        return serving;
    }

    @Override
    public Integer call() {
        SpringApplication.run(PitwallServerApplication.class, serverArguments().toArray(String[]::new));
        serving = true;
        System.out.println("Pitwall is serving on http://" + ("0.0.0.0".equals(bind) ? "localhost" : bind) + ":" + port
                + "  (API docs: /swagger-ui.html, OpenAPI: /v3/api-docs)");
        return 0;
    }

    /** The options as the server's settings; what is not given keeps the server's default. */
    List<String> serverArguments() {
        database.validate(spec.commandLine());
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be between 0 and 65535");
        }
        if (maxBodyWaits != null && maxBodyWaits < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-body-waits must not be negative");
        }
        List<String> args = new ArrayList<>(database.asServerArguments());
        args.add("--server.port=" + port);
        args.add("--server.address=" + bind);
        if (headerTimeout != null) {
            args.add("--server.tomcat.connection-timeout=" + headerTimeout.toMillis() + "ms");
        }
        if (bodyReadTimeout != null) {
            args.add("--pitwall.http.body-read-timeout=" + bodyReadTimeout.toMillis() + "ms");
        }
        if (maxBodyWaits != null) {
            args.add("--pitwall.http.max-body-waits=" + maxBodyWaits);
        }
        return args;
    }
}
