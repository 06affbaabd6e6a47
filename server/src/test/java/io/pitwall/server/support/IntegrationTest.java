package io.pitwall.server.support;

import io.pitwall.server.access.Role;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Base of the server's integration tests: the whole application on a random port of 127.0.0.1 over
 * an empty, migrated database (H2 in memory; PostgreSQL when the subclass is a {@link PostgresTest}),
 * reached over real HTTP. Tests stay independent by using their own names and VINs. The DataSource is
 * wrapped in a {@link StatementLog}, so a test can count what a request costs the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = OwnDatabase.class)
@Import({CleanDatabase.class, StatementLogging.class})
public abstract class IntegrationTest {

    public static final String ADMIN_PASSWORD = "test-admin-password";
    private static final AtomicInteger OPERATORS = new AtomicInteger();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected ApiClient api;
    protected ApiClient admin;

    @BeforeEach
    void connect() {
        api = ApiClient.at(port);
        admin = api.as("admin", ADMIN_PASSWORD);
    }

    /** Creates a fresh operator with the role and returns a client acting as them. */
    protected ApiClient operatorWith(Role role) {
        String username = role.code() + "-" + OPERATORS.incrementAndGet();
        String password = "password-of-" + username;
        var created = admin.post(
                "/api/v1/operators", Map.of("username", username, "password", password, "role", role.code()));
        if (created.status() != 201) {
            throw new IllegalStateException("could not create operator: " + created.body());
        }
        return api.as(username, password);
    }

    /** Readiness, submission and approval of test campaigns, with fresh approvers. */
    protected CampaignSteps campaignSteps() {
        return new CampaignSteps(this::operatorWith);
    }

    protected long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
}
