package io.pitwall.server.diagnostics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.server.diagnostics.RoutingTeam;
import io.pitwall.server.diagnostics.SeverityClass;
import io.pitwall.server.diagnostics.SeverityRule;
import io.pitwall.server.shared.ApiException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RuleSetParserTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode ruleSet(String match, String extra) {
        return JSON.readTree("""
                {"name": "fleet", "rules": [{"id": "hv-isolation", "match": %s, "class": "safety-sensitive",
                 "team": "engineering", "sla": "PT4H", "nextAction": "Call the driver"%s}]}""".formatted(match, extra));
    }

    @Test
    void aCompleteRuleIsReadWithEveryCondition() {
        var parsed = RuleSetParser.parse(ruleSet("""
                {"codes": ["p0a8*", "U0100-87"], "ecuTypes": ["BMS"], "statusBits": ["confirmedDTC"],
                 "count": {"atLeast": 3, "within": "P1D"}, "afterUpdate": {"campaignId": 12, "withinDays": 7}}""", ", \"escalateTo\": \"release\", \"description\": \"HV\""));
        assertThat(parsed.name()).isEqualTo("fleet");
        SeverityRule rule = parsed.rules().get(0);
        assertThat(rule.codes()).containsExactly("P0A8*", "U0100-87");
        assertThat(rule.ecuTypes()).containsExactly("BMS");
        assertThat(rule.statusBits()).containsExactly("confirmedDTC");
        assertThat(rule.count()).isEqualTo(new SeverityRule.Count(3, Duration.ofDays(1)));
        assertThat(rule.afterUpdate()).isEqualTo(new SeverityRule.AfterUpdate(12L, 7));
        assertThat(rule.severityClass()).isEqualTo(SeverityClass.SAFETY_SENSITIVE);
        assertThat(rule.team()).isEqualTo(RoutingTeam.ENGINEERING);
        assertThat(rule.escalateTo()).isEqualTo(RoutingTeam.RELEASE);
        assertThat(rule.sla()).isEqualTo(Duration.ofHours(4));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"codes\": [\"X0A80\"]}                        | $.rules[0].match.codes[0]",
                "{\"codes\": [\"P0A80-1\"]}                      | $.rules[0].match.codes[0]",
                "{\"codes\": [\"P*0\"]}                          | $.rules[0].match.codes[0]",
                "{\"codes\": []}                                 | $.rules[0].match.codes",
                "{\"ecuTypes\": [\"FLUX\"]}                      | $.rules[0].match.ecuTypes[0]",
                "{\"statusBits\": [\"confirmed\"]}               | $.rules[0].match.statusBits[0]",
                "{\"count\": {\"atLeast\": 0, \"within\": \"PT1H\"}} | $.rules[0].match.count.atLeast",
                "{\"count\": {\"atLeast\": 2, \"within\": \"P91D\"}} | $.rules[0].match.count.within",
                "{\"count\": {\"atLeast\": 2, \"within\": \"1h\"}}   | $.rules[0].match.count.within",
                "{\"afterUpdate\": {\"withinDays\": 0}}          | $.rules[0].match.afterUpdate.withinDays",
                "{\"afterUpdate\": {\"campaignId\": -1, \"withinDays\": 3}} | $.rules[0].match.afterUpdate.campaignId",
                "{\"codes\": [\"P0A80\"], \"odometer\": 3}        | $.rules[0].match.odometer",
                "{}                                              | $.rules[0].match",
            })
    void aBadConditionIsRefusedWithItsPath(String match, String path) {
        assertRefusedAt(ruleSet(match, ""), path);
    }

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                ", \"class\": \"urgent\"                  | $.rules[0].class",
                ", \"team\": \"sales\"                    | $.rules[0].team",
                ", \"sla\": \"PT10S\"                     | $.rules[0].sla",
                ", \"escalateTo\": \"nobody\"             | $.rules[0].escalateTo",
                ", \"nextAction\": \"  \"                 | $.rules[0].nextAction",
                ", \"severity\": 3                        | $.rules[0].severity",
            })
    void aBadOutcomeIsRefusedWithItsPath(String extra, String path) {
        String base = "{\"id\": \"r1\", \"match\": {\"codes\": [\"P0A80\"]}, \"class\": \"informational\","
                + " \"team\": \"support\", \"sla\": \"P1D\", \"nextAction\": \"Watch\"";
        // a later field of the same name replaces the earlier one in Jackson's tree
        assertRefusedAt(JSON.readTree("{\"name\": \"n\", \"rules\": [" + base + extra + "}]}"), path);
    }

    @Test
    void duplicateIdsMissingRulesAndEveryProblemAreReportedTogether() {
        JsonNode twice = JSON.readTree("""
                {"name": "n", "rules": [
                  {"id": "same", "match": {"codes": ["P0A80"]}, "class": "informational", "team": "support",
                   "sla": "P1D", "nextAction": "Watch"},
                  {"id": "same", "match": {"codes": ["P0A80"]}, "class": "informational", "team": "support",
                   "sla": "P1D", "nextAction": "Watch"},
                  {"id": "Bad Id", "match": {"codes": ["Z"]}, "team": "support", "sla": "P1D", "nextAction": "x"}]}""");
        assertThat(paths(twice))
                .containsExactly("$.rules[1].id", "$.rules[2].id", "$.rules[2].class", "$.rules[2].match.codes[0]");
        assertThat(paths(JSON.readTree("{\"name\": \"n\", \"rules\": []}"))).containsExactly("$.rules");
        assertThat(paths(JSON.readTree("[1]"))).containsExactly("$");
        assertThat(paths(JSON.readTree("{\"rules\": [], \"extra\": 1}")))
                .containsExactly("$.extra", "$.name", "$.rules");
    }

    private static void assertRefusedAt(JsonNode body, String path) {
        assertThat(paths(body)).containsExactly(path.strip());
    }

    @SuppressWarnings("unchecked")
    private static List<String> paths(JsonNode body) {
        try {
            RuleSetParser.parse(body);
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid-rule-set");
            return ((List<Map<String, String>>) e.properties().get("errors"))
                    .stream().map(m -> m.get("path")).toList();
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void aNonObjectRuleSetIsRefused() {
        assertThatThrownBy(() -> RuleSetParser.parse(null)).isInstanceOf(ApiException.class);
    }
}
