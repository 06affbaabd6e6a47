package io.pitwall.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthenticationIntegrationTests extends IntegrationTest {

    @Test
    void bootstrapAdminCanSeeItself() {
        var me = admin.get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asString()).isEqualTo("admin");
        assertThat(me.json().get("role").asString()).isEqualTo("admin");
    }

    @Test
    void missingCredentialsAreRefusedWithProblemJson() {
        var answer = api.get("/api/v1/me");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo("unauthenticated");
    }

    @Test
    void wrongPasswordIsRefusedAndAudited() {
        long refusalsBefore = jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE outcome = 'REFUSED'")
                .query(Long.class)
                .single();
        var answer = api.as("admin", "not-the-password").get("/api/v1/me");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("bad-credentials");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE outcome = 'REFUSED'")
                        .query(Long.class)
                        .single())
                .isEqualTo(refusalsBefore + 1);
    }

    @Test
    void aPasswordLongerThanAnyStoredOneIsRefusedEvenWhenItsFirst72BytesAreRight() {
        String password = "p".repeat(OperatorAccounts.MAX_PASSWORD_BYTES);
        var created =
                admin.post("/api/v1/operators", Map.of("username", "longpass", "password", password, "role", "viewer"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(api.as("longpass", password).get("/api/v1/me").status()).isEqualTo(200);
        var longer = api.as("longpass", password + "-and-more").get("/api/v1/me");
        assertThat(longer.status()).isEqualTo(401);
        assertThat(longer.code()).isEqualTo("bad-credentials");
    }

    @Test
    void tokenCarriesOnlyItsPermissionsAndStopsWorkingWhenRevoked() {
        var viewer = operatorWith(Role.VIEWER);
        var issued = viewer.post(
                "/api/v1/tokens",
                Map.of("name", "ci", "permissions", List.of("vehicle:read", "self:manage"), "expiresIn", "PT1H"));
        assertThat(issued.status()).isEqualTo(201);
        String secret = issued.json().get("secret").asString();
        long id = issued.json().get("token").get("id").asLong();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token WHERE token_hash = :s")
                        .param("s", secret)
                        .query(Long.class)
                        .single())
                .as("secret never stored in clear")
                .isZero();

        var withToken = api.withToken(secret);
        var me = withToken.get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("permissions").toString())
                .contains("vehicle:read")
                .doesNotContain("image:read");

        assertThat(viewer.delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
        var afterRevoke = withToken.get("/api/v1/me");
        assertThat(afterRevoke.status()).isEqualTo(401);
        assertThat(afterRevoke.code()).isEqualTo("token-revoked");
    }

    @Test
    void tokenCannotCarryPermissionsItsOperatorLacks() {
        var viewer = operatorWith(Role.VIEWER);
        long before = count("api_token");
        var refused = viewer.post(
                "/api/v1/tokens",
                Map.of("name", "sneaky", "permissions", List.of("vehicle:write"), "expiresIn", "PT1H"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("permission-not-held");
        assertThat(count("api_token")).isEqualTo(before);
    }

    @Test
    void unknownAndMalformedTokensAreRefused() {
        assertThat(api.withToken("pwt_nope").get("/api/v1/me").code()).isEqualTo("invalid-token");
        var malformed = api.send("GET", "/api/v1/me", null, new byte[0]);
        assertThat(malformed.status()).isEqualTo(401);
    }

    @Test
    void expiredTokenIsRefused() {
        var viewer = operatorWith(Role.VIEWER);
        var issued = viewer.post(
                "/api/v1/tokens", Map.of("name", "short", "permissions", List.of("vehicle:read"), "expiresIn", "PT1S"));
        String secret = issued.json().get("secret").asString();
        jdbc.sql("UPDATE api_token SET expires_at = created_at WHERE name = 'short'")
                .update();
        var answer = api.withToken(secret).get("/api/v1/me");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("token-expired");
    }
}
