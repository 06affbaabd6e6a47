package io.pitwall.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips PostgreSQL tests when no server is reachable, or fails them where PostgreSQL is required. */
public class PostgresCondition implements ExecutionCondition {

    private static volatile Boolean reachable;

    public static String url() {
        return env("PITWALL_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/pitwall_test");
    }

    public static String user() {
        return env("PITWALL_TEST_PG_USER", "pitwall");
    }

    public static String password() {
        return env("PITWALL_TEST_PG_PASSWORD", "pitwall");
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (isReachable()) {
            return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + url());
        }
        if (required()) {
            throw new IllegalStateException("PostgreSQL is required (PITWALL_TEST_PG_REQUIRED=true) but not "
                    + "reachable at " + url() + " as " + user());
        }
        return ConditionEvaluationResult.disabled("SKIPPED: PostgreSQL not reachable at " + url()
                + "; start one (see .ci/run) or set PITWALL_TEST_PG_URL to run the PostgreSQL tests");
    }

    /** Set by .ci/run: there a PostgreSQL test must run, never skip. */
    public static boolean required() {
        return Boolean.getBoolean("pitwall.test.postgres.required")
                || "true".equalsIgnoreCase(System.getenv("PITWALL_TEST_PG_REQUIRED"));
    }

    private static boolean isReachable() {
        if (reachable == null) {
            DriverManager.setLoginTimeout(3);
            try (Connection ignored = DriverManager.getConnection(url(), user(), password())) {
                reachable = true;
            } catch (SQLException e) {
                reachable = false;
            }
        }
        return reachable;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
