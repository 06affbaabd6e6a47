package io.pitwall.bench;

import io.pitwall.client.ManagementClient;
import io.pitwall.server.PitwallServerApplication;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The real Pitwall server, booted in this JVM on a random port of 127.0.0.1 over the benchmark
 * database (Flyway migrates it on start), exactly as {@code ./pitwall server} would run it.
 */
public final class BenchServer implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "bench-admin-password";
    private final ConfigurableApplicationContext context;

    private BenchServer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static BenchServer start(BenchDatabase database, Map<String, String> extraProperties) {
        Path dataDir = Path.of(System.getProperty("pitwall.bench.data-dir", "bench/target/bench-data"));
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password()));
        return start(dataDir, args, extraProperties);
    }

    /**
     * The server on its embedded H2 file database (the default of {@code ./pitwall server}), kept in
     * {@code dataDir}: a fresh directory is a fresh database.
     */
    public static BenchServer startEmbedded(Path dataDir, Map<String, String> extraProperties) {
        return start(dataDir, new ArrayList<>(), extraProperties);
    }

    private static BenchServer start(Path dataDir, List<String> args, Map<String, String> extraProperties) {
        args.addAll(List.of(
                "--pitwall.data-dir=" + dataDir.toAbsolutePath().normalize(),
                "--pitwall.access.admin-password=" + ADMIN_PASSWORD,
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--logging.level.root=WARN",
                "--logging.level.io.pitwall=WARN",
                "--logging.level.org.springdoc=ERROR"));
        extraProperties.forEach((name, value) -> args.add("--" + name + "=" + value));
        var application = new SpringApplication(PitwallServerApplication.class);
        application.setLogStartupInfo(false);
        return new BenchServer(application.run(args.toArray(String[]::new)));
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Whether this build of the server has a handler for the method and path pattern (e.g. an endpoint of a module not merged yet). */
    public boolean serves(String method, String pathPattern) {
        var mapping = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        return mapping.getHandlerMethods().keySet().stream()
                .anyMatch(info -> info.getPatternValues().contains(pathPattern)
                        && (info.getMethodsCondition().getMethods().isEmpty()
                                || info.getMethodsCondition().getMethods().contains(RequestMethod.valueOf(method))));
    }

    /** A management API client acting as the bootstrap administrator (one connection pool per client). */
    public ManagementClient admin() {
        return ManagementClient.basic(URI.create(baseUrl()), "admin", ADMIN_PASSWORD);
    }

    @Override
    public void close() {
        context.close();
    }
}
