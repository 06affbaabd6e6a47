package io.pitwall.server.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.DtcSteps;
import io.pitwall.server.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Severity rule sets over real HTTP: versions, activation, validation that writes nothing, the dry run.
 * Runs on H2 only: rule sets are validated and evaluated in Java and stored by single-row SQL.
 */
class RuleSetsIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();

    static String ruleSet(String name, String... rules) {
        return "{\"name\": \"" + name + "\", \"rules\": [" + String.join(",", rules) + "]}";
    }

    static String rule(String id, String match, String severityClass) {
        return """
                {"id": "%s", "match": %s, "class": "%s", "team": "maintenance", "sla": "P1D",
                 "nextAction": "Book a workshop visit"}""".formatted(id, match, severityClass);
    }

    abstract static class Contract extends IntegrationTest {

        ApiClient engineer() {
            return operatorWith(Role.DIAGNOSTICS_ENGINEER);
        }

        ApiClient.Response upload(ApiClient by, String body, boolean activate) {
            return by.send(
                    "POST",
                    "/api/v1/diagnostics/rule-sets?activate=" + activate,
                    "application/json",
                    body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Test
        void everyUploadIsANewVersionAndExactlyOneIsActive() {
            ApiClient engineer = engineer();
            var first =
                    upload(engineer, ruleSet("first", rule("a", "{\"codes\": [\"P0A8*\"]}", "service-needed")), true);
            assertThat(first.status()).as(first.body()).isEqualTo(201);
            int v1 = first.json().get("version").asInt();
            assertThat(first.json().get("active").asBoolean()).isTrue();
            var second =
                    upload(engineer, ruleSet("second", rule("b", "{\"codes\": [\"B*\"]}", "informational")), false);
            int v2 = second.json().get("version").asInt();
            assertThat(v2).isEqualTo(v1 + 1);
            assertThat(second.json().get("active").asBoolean()).isFalse();

            var activated = engineer.post("/api/v1/diagnostics/rule-sets/" + v2 + "/activate", "");
            assertThat(activated.status()).as(activated.body()).isEqualTo(200);
            JsonNode list = engineer.get("/api/v1/diagnostics/rule-sets").json();
            assertThat(list.findValues("active").stream().filter(JsonNode::asBoolean))
                    .hasSize(1);
            assertThat(engineer.get("/api/v1/diagnostics/rule-sets/" + v1)
                            .json()
                            .get("active")
                            .asBoolean())
                    .isFalse();
            JsonNode kept = operatorWith(Role.VIEWER)
                    .get("/api/v1/diagnostics/rule-sets/" + v1)
                    .json();
            assertThat(kept.get("ruleSet").get("rules").get(0).get("id").asString())
                    .isEqualTo("a");
            assertThat(DtcSteps.audited(jdbc, "diagnostics.rule-set.upload", "rule-set:" + v1))
                    .isEqualTo(1);
            assertThat(DtcSteps.audited(jdbc, "diagnostics.rule-set.activate", "rule-set:" + v2))
                    .isEqualTo(1);
        }

        @Test
        void anInvalidRuleSetIsRefusedWithEveryProblemAndNothingIsWritten() {
            ApiClient engineer = engineer();
            long before = count("severity_rule_set");
            var refused = upload(engineer, ruleSet("bad", rule("a", "{\"codes\": [\"Q0A80\"]}", "urgent")), true);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("invalid-rule-set");
            assertThat(refused.json().get("errors").findValuesAsString("path"))
                    .containsExactly("$.rules[0].class", "$.rules[0].match.codes[0]");
            var malformed = upload(engineer, "{\"name\": ", true);
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.code()).isEqualTo("malformed-body");
            var notAllowed = upload(
                    operatorWith(Role.SUPPORT_AGENT),
                    ruleSet("ok", rule("a", "{\"codes\": [\"P0A80\"]}", "informational")),
                    true);
            assertThat(notAllowed.status()).isEqualTo(403);
            var unknown = engineer.post("/api/v1/diagnostics/rule-sets/999999/activate", "");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.code()).isEqualTo("rule-set-not-found");
            assertThat(count("severity_rule_set")).isEqualTo(before);
        }

        @Test
        void aValidRuleSetTooLargeToStoreIsRefusedAndNothingIsWritten() {
            String codes = String.join(",", Collections.nCopies(100, "\"P0A80\""));
            String bits = String.join(",", Collections.nCopies(100, "\"testNotCompletedThisOperationCycle\""));
            List<String> rules = new ArrayList<>();
            int length = 0;
            while (length < 1_010_000) {
                String rule = ("{\"id\":\"r%d\",\"description\":\"%s\",\"match\":{\"codes\":[%s],\"statusBits\":[%s]},"
                                + "\"class\":\"informational\",\"team\":\"maintenance\",\"sla\":\"P1D\",\"nextAction\":\"%s\"}")
                        .formatted(rules.size(), "d".repeat(500), codes, bits, "n".repeat(500));
                rules.add(rule);
                length += rule.length() + 1;
            }
            String body = "{\"name\":\"large\",\"rules\":[" + String.join(",", rules) + "]}";
            assertThat(body.length()).as("within the request size limit").isBetween(1_000_001, 1_048_575);
            long before = count("severity_rule_set");

            var refused = upload(engineer(), body, true);

            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("invalid-rule-set");
            assertThat(count("severity_rule_set")).isEqualTo(before);
        }

        @Test
        void theDryRunShowsWhatTheRulesWouldHaveProducedAndWritesNothing() {
            String hardwareId =
                    "RULES-HW-" + HARDWARE.incrementAndGet() + "-" + getClass().getSimpleName();
            var car = new DtcSteps(jdbc, admin, hardwareId);
            Instant now = Instant.now();
            for (int hoursAgo : new int[] {30, 6, 5, 3, 1}) {
                car.j2012("C1A2B", now.minus(Duration.ofHours(hoursAgo)));
            }
            car.j2012("C3F01", now.minus(Duration.ofHours(2)));
            String rules = ruleSet(
                    "candidate",
                    rule(
                            "repeated",
                            "{\"codes\": [\"C1A2B\"], \"count\": {\"atLeast\": 3, \"within\": \"PT24H\"}}",
                            "service-needed"),
                    rule("chassis-3", "{\"codes\": [\"C3*\"]}", "informational"));
            ApiClient viewer = operatorWith(Role.VIEWER);
            long cases = count("service_case");
            long ruleSets = count("severity_rule_set");
            long audits = count("audit_record") + count("audit_intake");

            var run = viewer.send(
                    "POST",
                    "/api/v1/diagnostics/rule-sets/dry-run?days=2",
                    "application/json",
                    rules.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(run.status()).as(run.body()).isEqualTo(200);
            JsonNode repeated = run.json().get("byRule").get(0);
            assertThat(repeated.get("ruleId").asString()).isEqualTo("repeated");
            assertThat(repeated.get("observations").asLong())
                    .as("the observations 3 and 1 hours ago each have 3 within 24 h")
                    .isEqualTo(2);
            assertThat(repeated.get("vehicles").asLong()).isEqualTo(1);
            assertThat(repeated.get("casesWouldOpen").asLong()).isEqualTo(1);
            JsonNode informational = run.json().get("byRule").get(1);
            assertThat(informational.get("observations").asLong()).isEqualTo(1);
            assertThat(informational.get("casesWouldOpen").asLong()).isZero();
            assertThat(run.json().get("sample").findValuesAsString("vin")).contains(car.vin);

            var badDays = viewer.send(
                    "POST",
                    "/api/v1/diagnostics/rule-sets/dry-run?days=91",
                    "application/json",
                    rules.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(badDays.status()).isEqualTo(400);
            assertThat(badDays.code()).isEqualTo("invalid-days");
            var badRules = viewer.send(
                    "POST",
                    "/api/v1/diagnostics/rule-sets/dry-run",
                    "application/json",
                    "{\"name\": \"x\", \"rules\": []}".getBytes());
            assertThat(badRules.code()).isEqualTo("invalid-rule-set");
            assertThat(count("service_case")).isEqualTo(cases);
            assertThat(count("severity_rule_set")).isEqualTo(ruleSets);
            assertThat(count("audit_record") + count("audit_intake"))
                    .as("a dry run is not audited")
                    .isEqualTo(audits);
        }
    }

    @Nested
    class OnH2 extends Contract {}
}
