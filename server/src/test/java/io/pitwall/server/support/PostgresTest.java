package io.pitwall.server.support;

import io.pitwall.testsupport.PostgresCondition;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;

/**
 * Runs an integration test class against the PostgreSQL server named by {@code PITWALL_TEST_PG_URL}
 * (default {@code jdbc:postgresql://127.0.0.1:5432/pitwall_test}, user/password pitwall). Without a
 * reachable server the class is skipped with a message, unless the system property
 * {@code pitwall.test.postgres.required=true} is set (as {@code .ci/run} does): then it fails.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(PostgresCondition.class)
@ActiveProfiles(
        value = {"test", "postgres"},
        inheritProfiles = false)
public @interface PostgresTest {}
