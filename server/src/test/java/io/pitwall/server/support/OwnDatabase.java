package io.pitwall.server.support;

import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every test application context a database of its own: an in-memory H2 database of its own name,
 * or on PostgreSQL a schema of its own in the test database (created by Flyway, dropped when the context
 * closes). Contexts are cached and reused across test classes, and each starts by cleaning its database
 * ({@link CleanDatabase}); without this a context with other settings would wipe the data of every
 * context created before it.
 */
public class OwnDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String NAME = "pitwall.test.database-name";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("ownTestDatabase", Map.of(NAME, name)));
    }
}
