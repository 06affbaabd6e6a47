package io.pitwall.server.support;

import java.sql.Connection;
import javax.sql.DataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Every test application context starts on an empty, freshly migrated database of its own
 * ({@link OwnDatabase}); on PostgreSQL its schema is dropped when the context closes.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CleanDatabase {

    @Bean
    FlywayMigrationStrategy cleanThenMigrate() {
        return flyway -> {
            flyway.clean();
            flyway.migrate();
        };
    }

    @Bean
    AutoCloseable dropOwnSchema(DataSource dataSource, Environment environment) {
        String schema = environment.getRequiredProperty(OwnDatabase.NAME);
        return () -> {
            try (Connection connection = dataSource.getConnection()) {
                if (connection
                        .getMetaData()
                        .getDatabaseProductName()
                        .toLowerCase()
                        .contains("postgres")) {
                    try (var statement = connection.createStatement()) {
                        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                    }
                }
            }
        };
    }
}
