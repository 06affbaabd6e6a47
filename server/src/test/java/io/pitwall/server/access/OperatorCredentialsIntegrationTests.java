package io.pitwall.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.HeldTransaction;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A password is changed only by its operator signed in with it and only with the current one; a password
 * change or a disable revokes the operator's API tokens for good. On H2 and PostgreSQL.
 */
class OperatorCredentialsIntegrationTests {

    private static final AtomicInteger NAMES = new AtomicInteger();

    abstract static class Contract extends IntegrationTest {

        @Autowired
        PlatformTransactionManager transactions;

        @Autowired
        DataSource dataSource;

        record Account(long id, String username, String password, ApiClient client) {}

        Account newOperator(Role role) {
            String username = "cred-" + role.code() + "-" + NAMES.incrementAndGet();
            String password = "password-of-" + username;
            var created = admin.post(
                    "/api/v1/operators", Map.of("username", username, "password", password, "role", role.code()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            return new Account(created.json().get("id").asLong(), username, password, api.as(username, password));
        }

        String token(Account account, List<String> permissions) {
            var issued = account.client()
                    .post(
                            "/api/v1/tokens",
                            Map.of(
                                    "name",
                                    "t" + NAMES.incrementAndGet(),
                                    "permissions",
                                    permissions,
                                    "expiresIn",
                                    "PT1H"));
            assertThat(issued.status()).as(issued.body()).isEqualTo(201);
            return issued.json().get("secret").asString();
        }

        /** Audit entries, chained or still waiting in the intake (sealing may lag when the database is busy). */
        long audited(String action, String outcome, String detailsFragment) {
            String where = " WHERE action = :a AND outcome = :o AND details LIKE :d)";
            return jdbc.sql("SELECT (SELECT COUNT(*) FROM audit_record" + where
                            + " + (SELECT COUNT(*) FROM audit_intake" + where)
                    .param("a", action)
                    .param("o", outcome)
                    .param("d", "%" + detailsFragment + "%")
                    .query(Long.class)
                    .single();
        }

        String passwordHash(long id) {
            return jdbc.sql("SELECT password_hash FROM operator WHERE id = :id")
                    .param("id", id)
                    .query(String.class)
                    .single();
        }

        @Test
        void aTokenCarryingSelfManageCannotChangeItsOperatorsPassword() {
            var owner = newOperator(Role.FLEET_OPERATOR);
            var selfOnly = api.withToken(token(owner, List.of("self:manage")));
            String hashBefore = passwordHash(owner.id());
            long refusalsBefore = audited("PUT /api/v1/me/password", "REFUSED", "password-login-required");

            var answer = selfOnly.put(
                    "/api/v1/me/password",
                    Map.of("currentPassword", owner.password(), "newPassword", "taken-over-by-a-token"));

            assertThat(answer.status()).as(answer.body()).isEqualTo(403);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.code()).isEqualTo("password-login-required");
            assertThat(passwordHash(owner.id())).isEqualTo(hashBefore);
            assertThat(api.as(owner.username(), "taken-over-by-a-token")
                            .get("/api/v1/me")
                            .status())
                    .isEqualTo(401);
            assertThat(owner.client().get("/api/v1/me").status()).isEqualTo(200);
            assertThat(selfOnly.get("/api/v1/me").status())
                    .as("a refusal revokes nothing")
                    .isEqualTo(200);
            assertThat(audited("PUT /api/v1/me/password", "REFUSED", "password-login-required"))
                    .isEqualTo(refusalsBefore + 1);
        }

        @Test
        void changingAPasswordNeedsTheCurrentOne() {
            var owner = newOperator(Role.VIEWER);
            String hashBefore = passwordHash(owner.id());
            long refusalsBefore = audited("PUT /api/v1/me/password", "REFUSED", "wrong-current-password");

            var wrong = owner.client()
                    .put(
                            "/api/v1/me/password",
                            Map.of("currentPassword", "not-my-password", "newPassword", "a-brand-new-password"));
            var missing = owner.client().put("/api/v1/me/password", Map.of("newPassword", "a-brand-new-password"));

            assertThat(wrong.status()).as(wrong.body()).isEqualTo(403);
            assertThat(wrong.contentType()).startsWith("application/problem+json");
            assertThat(wrong.code()).isEqualTo("wrong-current-password");
            assertThat(missing.status()).as(missing.body()).isEqualTo(422);
            assertThat(missing.code()).isEqualTo("validation-failed");
            assertThat(passwordHash(owner.id())).isEqualTo(hashBefore);
            assertThat(audited("PUT /api/v1/me/password", "REFUSED", "wrong-current-password"))
                    .isEqualTo(refusalsBefore + 1);

            var right = owner.client()
                    .put(
                            "/api/v1/me/password",
                            Map.of("currentPassword", owner.password(), "newPassword", "a-brand-new-password"));
            assertThat(right.status()).as(right.body()).isEqualTo(204);
            assertThat(owner.client().get("/api/v1/me").status()).isEqualTo(401);
            assertThat(api.as(owner.username(), "a-brand-new-password")
                            .get("/api/v1/me")
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void aPasswordChangeRevokesEveryTokenOfTheOperator() {
            var owner = newOperator(Role.RELEASE_MANAGER);
            var bystander = newOperator(Role.RELEASE_MANAGER);
            var first = api.withToken(token(owner, List.of("self:manage")));
            var second = api.withToken(token(owner, List.of("image:read", "vehicle:read")));
            var othersToken = api.withToken(token(bystander, List.of("self:manage")));
            long revocationsBefore = audited("token.revoke", "SUCCEEDED", "password-changed");

            var changed = owner.client()
                    .put(
                            "/api/v1/me/password",
                            Map.of("currentPassword", owner.password(), "newPassword", "after-a-suspected-leak"));

            assertThat(changed.status()).as(changed.body()).isEqualTo(204);
            for (var revoked : List.of(first, second)) {
                var answer = revoked.get("/api/v1/me");
                assertThat(answer.status()).isEqualTo(401);
                assertThat(answer.code()).isEqualTo("token-revoked");
            }
            assertThat(othersToken.get("/api/v1/me").status())
                    .as("another operator's token")
                    .isEqualTo(200);
            assertThat(audited("token.revoke", "SUCCEEDED", "password-changed")).isEqualTo(revocationsBefore + 2);
            assertThat(audited("operator.password", "SUCCEEDED", "\"tokensRevoked\":2"))
                    .isPositive();
        }

        @Test
        void aDisabledOperatorsTokensStayRevokedWhenTheOperatorIsEnabledAgain() {
            var owner = newOperator(Role.FLEET_OPERATOR);
            var token = api.withToken(token(owner, List.of("self:manage", "vehicle:read")));
            assertThat(token.get("/api/v1/me").status()).isEqualTo(200);

            var disabled = admin.put(
                    "/api/v1/operators/" + owner.id(),
                    Map.of("role", "fleet-operator", "enabled", false, "version", 0));
            assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
            assertThat(token.get("/api/v1/me").status()).isEqualTo(401);
            assertThat(audited("operator.change", "SUCCEEDED", "\"tokensRevoked\":1"))
                    .isPositive();

            var enabled = admin.put(
                    "/api/v1/operators/" + owner.id(),
                    Map.of(
                            "role",
                            "fleet-operator",
                            "enabled",
                            true,
                            "version",
                            disabled.json().get("version").asLong()));
            assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
            assertThat(owner.client().get("/api/v1/me").status())
                    .as("the password works again")
                    .isEqualTo(200);
            var afterEnable = token.get("/api/v1/me");
            assertThat(afterEnable.status()).isEqualTo(401);
            assertThat(afterEnable.code()).isEqualTo("token-revoked");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token WHERE operator_id = :o AND revoked_at IS NULL")
                            .param("o", owner.id())
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void aTokenRequestRacingADisableWaitsForItAndIsRefused() {
            var owner = newOperator(Role.VIEWER);
            var token = api.withToken(token(owner, List.of("self:manage", "vehicle:read")));
            CompletableFuture<ApiClient.Response> issued;
            try (var disable = HeldTransaction.open(
                    transactions,
                    () -> jdbc.sql("UPDATE operator SET enabled = FALSE, version = version + 1 WHERE id = :id")
                            .param("id", owner.id())
                            .update())) {
                issued = HeldTransaction.async(() -> token.post(
                        "/api/v1/tokens",
                        Map.of("name", "racing", "permissions", List.of("vehicle:read"), "expiresIn", "PT1H")));
                HeldTransaction.awaitSomeoneBlocked(dataSource, jdbc);
                disable.commit();
            }

            var answer = issued.join();
            assertThat(answer.status()).as(answer.body()).isEqualTo(403);
            assertThat(answer.code()).isEqualTo("operator-disabled");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token WHERE operator_id = :o")
                            .param("o", owner.id())
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}
