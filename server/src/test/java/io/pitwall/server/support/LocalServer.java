package io.pitwall.server.support;

import io.pitwall.client.ManagementClient;
import io.pitwall.server.PitwallServerApplication;
import io.pitwall.testsupport.PostgresCondition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The real Pitwall server in this JVM on a fixed port of 127.0.0.1, on a file H2 database or PostgreSQL,
 * with fast device pacing (idle vehicles check in every 2 s; busy ones work without waiting for a check-in). It can be stopped and started again on the same database and port, as an
 * operator restarting the server mid-campaign would.
 */
public final class LocalServer implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "end-to-end-admin-password";
    private final List<String> args;
    private final int port;
    private final Clock clock;
    private ConfigurableApplicationContext context;

    private LocalServer(List<String> args, int port) {
        this(args, port, null);
    }

    private LocalServer(List<String> args, int port, Clock clock) {
        this.args = args;
        this.port = port;
        this.clock = clock;
    }

    /** The same server with more arguments (settings such as {@code --pitwall.campaign.reconcile-interval=1s}). */
    public LocalServer with(String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return new LocalServer(all, port, clock);
    }

    /** The same server on this clock instead of the system's (the server's injected {@link Clock} bean). */
    public LocalServer withClock(Clock value) {
        return new LocalServer(args, port, value);
    }

    /** A server on a file H2 database under {@code dataDir}. */
    public static LocalServer onH2(Path dataDir) {
        return new LocalServer(arguments(dataDir, List.of()), 0).withPort();
    }

    /** A server on the test PostgreSQL database ({@code PITWALL_TEST_PG_URL}), emptied first. */
    public static LocalServer onPostgres(Path dataDir) {
        Flyway.configure()
                .dataSource(PostgresCondition.url(), PostgresCondition.user(), PostgresCondition.password())
                .cleanDisabled(false)
                .load()
                .clean();
        return new LocalServer(
                        arguments(
                                dataDir,
                                List.of(
                                        "--spring.datasource.url=" + PostgresCondition.url(),
                                        "--spring.datasource.username=" + PostgresCondition.user(),
                                        "--spring.datasource.password=" + PostgresCondition.password())),
                        0)
                .withPort();
    }

    private LocalServer withPort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            List<String> all = new ArrayList<>(args);
            all.add("--server.port=" + probe.getLocalPort());
            return new LocalServer(all, probe.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> arguments(Path dataDir, List<String> database) {
        List<String> args = new ArrayList<>(List.of(
                "--pitwall.data-dir=" + dataDir.toAbsolutePath(),
                "--server.address=127.0.0.1",
                "--pitwall.access.admin-password=" + ADMIN_PASSWORD,
                "--pitwall.trust.key-passphrase=",
                "--pitwall.device.poll-idle-seconds=2",
                "--pitwall.device.poll-active-seconds=10",
                "--logging.level.root=WARN",
                "--logging.level.io.pitwall=WARN",
                "--spring.main.banner-mode=off"));
        args.addAll(database);
        return args;
    }

    public LocalServer start() {
        var builder = new SpringApplicationBuilder(PitwallServerApplication.class);
        if (clock != null) {
            builder.initializers(app -> app.getBeanFactory().registerSingleton("endToEndClock", clock));
        }
        context = builder.run(args.toArray(String[]::new));
        return this;
    }

    public void stop() {
        context.close();
        context = null;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public ManagementClient admin() {
        return ManagementClient.basic(base(), "admin", ADMIN_PASSWORD);
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(context.getBean(DataSource.class));
    }

    @Override
    public void close() {
        if (context != null) {
            stop();
        }
    }
}
