package io.pitwall.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every refused operator request answers problem+json with a stable code and writes no operator. */
class OperatorBadInputTests extends IntegrationTest {

    @Test
    void refusesEachBadRequestWithItsCodeAndWritesNothing() {
        Map<String, Object> good = Map.of("username", "alice", "password", "a-long-password", "role", "viewer");
        record Case(String what, String contentType, String body, int status, String code) {}
        var cases = new Case[] {
            new Case("malformed JSON", "application/json", "{\"username\": ", 400, "malformed-body"),
            new Case("wrong content type", "text/plain", "username=alice", 415, "unsupported-media-type"),
            new Case("unknown role", "application/json", json(good, "role", "superuser"), 422, "unknown-role"),
            new Case("bad username", "application/json", json(good, "username", "../Alice"), 422, "invalid-username"),
            new Case("weak password", "application/json", json(good, "password", "short"), 422, "weak-password"),
            new Case(
                    "password over bcrypt's 72 bytes",
                    "application/json",
                    json(good, "password", "p".repeat(73)),
                    422,
                    "weak-password"),
            new Case(
                    "password of 72 bytes in fewer characters",
                    "application/json",
                    json(good, "password", "\u00e9".repeat(37)),
                    422,
                    "weak-password"),
            new Case(
                    "display name over its 200 characters",
                    "application/json",
                    json(good, "displayName", "d".repeat(201)),
                    422,
                    "validation-failed"),
            new Case("missing field", "application/json", "{\"username\":\"alice\"}", 422, "validation-failed"),
            new Case(
                    "oversized body",
                    "application/json",
                    "{\"username\":\"" + "a".repeat(2_000_000) + "\"}",
                    413,
                    "payload-too-large"),
        };
        for (Case c : cases) {
            long operators = count("operator");
            var answer = admin.send(
                    "POST", "/api/v1/operators", c.contentType(), c.body().getBytes());
            assertThat(answer.status()).as(c.what() + ": " + answer.body()).isEqualTo(c.status());
            assertThat(answer.contentType()).as(c.what()).startsWith("application/problem+json");
            assertThat(answer.code()).as(c.what()).isEqualTo(c.code());
            assertThat(answer.body()).as(c.what()).doesNotContain("at io.pitwall", "Exception");
            assertThat(count("operator")).as(c.what() + " wrote nothing").isEqualTo(operators);
        }
    }

    @Test
    void duplicateUsernameIsAConflict() {
        var first = admin.post(
                "/api/v1/operators", Map.of("username", "bob", "password", "a-long-password", "role", "viewer"));
        assertThat(first.status()).isEqualTo(201);
        long operators = count("operator");
        var second = admin.post(
                "/api/v1/operators", Map.of("username", "bob", "password", "a-long-password", "role", "admin"));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("operator-exists");
        assertThat(count("operator")).isEqualTo(operators);
    }

    @Test
    void staleVersionIsAConflict() {
        var created = admin.post(
                "/api/v1/operators", Map.of("username", "carol", "password", "a-long-password", "role", "viewer"));
        long id = created.json().get("id").asLong();
        assertThat(admin.put("/api/v1/operators/" + id, Map.of("role", "auditor", "enabled", true, "version", 0))
                        .status())
                .isEqualTo(200);
        var stale = admin.put("/api/v1/operators/" + id, Map.of("role", "admin", "enabled", true, "version", 0));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("version-conflict");
        assertThat(jdbc.sql("SELECT role FROM operator WHERE id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("auditor");
    }

    private static String json(Map<String, Object> base, String key, Object value) {
        var copy = new java.util.HashMap<>(base);
        copy.put(key, value);
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(copy);
    }
}
