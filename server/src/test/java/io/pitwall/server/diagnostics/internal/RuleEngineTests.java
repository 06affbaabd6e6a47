package io.pitwall.server.diagnostics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.campaign.spi.VehicleUpdate;
import io.pitwall.server.diagnostics.FaultObservation;
import io.pitwall.server.diagnostics.SeverityRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class RuleEngineTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");
    private static final String VIN = "WP0ZZZ99ZTS392124";

    static List<SeverityRule> rules(String... matches) {
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i < matches.length; i++) {
            rules.append(i == 0 ? "" : ",").append("""
                    {"id": "r%d", "match": %s, "class": "service-needed", "team": "maintenance", "sla": "P1D",
                     "nextAction": "Book a workshop visit"}""".formatted(i, matches[i]));
        }
        return RuleSetParser.parse(JSON.readTree("{\"name\": \"t\", \"rules\": [" + rules + "]}"))
                .rules();
    }

    static FaultObservation fault(String display, String ecuType, Integer status, Instant at) {
        return new FaultObservation(VIN, "ECU-1", ecuType, "1.0.0", display.substring(0, 5), display, status, at);
    }

    @ParameterizedTest(name = "{0} vs {1}/{2}/{3} -> {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"codes\": [\"P0A80\"]}                  | P0A80-1B | BMS   | 0x08 | true",
                "{\"codes\": [\"P0A80\"]}                  | P0A81    | BMS   | 0x08 | false",
                "{\"codes\": [\"P0A8*\"]}                  | P0A8F-01 | BMS   | 0x08 | true",
                "{\"codes\": [\"P0A8*\"]}                  | P0A90    | BMS   | 0x08 | false",
                "{\"codes\": [\"P*\"]}                     | P1234    | BMS   | 0x08 | true",
                "{\"codes\": [\"P*\"]}                     | U0100-87 | BMS   | 0x08 | false",
                "{\"codes\": [\"U0100-87\"]}               | U0100-87 | BMS   | 0x08 | true",
                "{\"codes\": [\"U0100-87\"]}               | U0100-88 | BMS   | 0x08 | false",
                "{\"codes\": [\"U0100-87\"]}               | U0100    | BMS   | 0x08 | false",
                "{\"ecuTypes\": [\"BMS\", \"ADAS\"]}       | P0A80    | ADAS  | 0x08 | true",
                "{\"ecuTypes\": [\"BMS\"]}                 | P0A80    | BODY  | 0x08 | false",
                "{\"ecuTypes\": [\"BMS\"]}                 | P0A80    |       | 0x08 | false",
                "{\"statusBits\": [\"confirmedDTC\"]}      | P0A80    | BMS   | 0x08 | true",
                "{\"statusBits\": [\"confirmedDTC\"]}      | P0A80    | BMS   | 0x04 | false",
                "{\"statusBits\": [\"confirmedDTC\"]}      | P0A80    | BMS   |      | false",
                "{\"statusBits\": [\"confirmedDTC\", \"warningIndicatorRequested\"]} | P0A80 | BMS | 0x88 | true",
                "{\"statusBits\": [\"confirmedDTC\", \"warningIndicatorRequested\"]} | P0A80 | BMS | 0x08 | false",
                "{\"codes\": [\"P0A8*\"], \"ecuTypes\": [\"BMS\"], \"statusBits\": [\"testFailed\"]} | P0A80 | BMS | 0x09 | true",
                "{\"codes\": [\"P0A8*\"], \"ecuTypes\": [\"BMS\"], \"statusBits\": [\"testFailed\"]} | P0A80 | BMS | 0x08 | false",
            })
    void faultConditionsMatchExactlyWhatTheySay(
            String match, String code, String ecuType, String status, boolean matches) {
        Integer mask = status == null ? null : Integer.decode(status);
        FaultObservation o = fault(code, ecuType, mask, T);
        assertThat(RuleEngine.classify(rules(match), o, List.of(o), List.of()).isPresent())
                .isEqualTo(matches);
    }

    @Test
    void theFirstMatchingRuleClassifies() {
        var rules = rules("{\"codes\": [\"U*\"]}", "{\"codes\": [\"P0A8*\"]}", "{\"codes\": [\"P*\"]}");
        FaultObservation o = fault("P0A80", "BMS", null, T);
        assertThat(RuleEngine.classify(rules, o, List.of(o), List.of()).map(SeverityRule::id))
                .contains("r1");
        FaultObservation other = fault("B1000", "BMS", null, T);
        assertThat(RuleEngine.classify(rules, other, List.of(other), List.of())).isEmpty();
    }

    @Test
    void aCountHoldsOnlyWithEnoughMatchingObservationsInsideTheWindow() {
        var rules = rules("{\"codes\": [\"P0A80\"], \"count\": {\"atLeast\": 3, \"within\": \"PT24H\"}}");
        var old = fault("P0A80", "BMS", null, T.minus(Duration.ofHours(25)));
        var recent = fault("P0A80", "BMS", null, T.minus(Duration.ofHours(2)));
        var otherCode = fault("P0A81", "BMS", null, T.minus(Duration.ofHours(1)));
        var now = fault("P0A80", "BMS", null, T);
        var later = fault("P0A80", "BMS", null, T.plusSeconds(60));
        assertThat(RuleEngine.classify(rules, now, List.of(old, recent, otherCode, now, later), List.of()))
                .as("the old one, another code and a later one do not count")
                .isEmpty();
        var another = fault("P0A80", "BMS", null, T.minus(Duration.ofHours(23)));
        assertThat(RuleEngine.classify(rules, now, List.of(old, another, recent, now), List.of()))
                .isPresent();
    }

    @Test
    void afterUpdateHoldsWithinTheDaysAfterASucceededUpdateOfThatCampaign() {
        var anyCampaign = rules("{\"codes\": [\"P0A80\"], \"afterUpdate\": {\"withinDays\": 7}}");
        var campaign12 = rules("{\"codes\": [\"P0A80\"], \"afterUpdate\": {\"campaignId\": 12, \"withinDays\": 7}}");
        var o = fault("P0A80", "BMS", null, T);
        var updated12 = new VehicleUpdate(12, "c", "SUCCEEDED", T.minus(Duration.ofDays(6)));
        var updated13 = new VehicleUpdate(13, "c", "SUCCEEDED", T.minus(Duration.ofDays(1)));
        var failed12 = new VehicleUpdate(12, "c", "FAILED", T.minus(Duration.ofDays(1)));
        var long12 = new VehicleUpdate(12, "c", "SUCCEEDED", T.minus(Duration.ofDays(8)));
        var after12 = new VehicleUpdate(12, "c", "SUCCEEDED", T.plusSeconds(1));
        assertThat(match(campaign12, o, updated12)).isTrue();
        assertThat(match(campaign12, o, updated13)).isFalse();
        assertThat(match(anyCampaign, o, updated13)).isTrue();
        assertThat(match(campaign12, o, failed12))
                .as("a failed update changed nothing")
                .isFalse();
        assertThat(match(campaign12, o, long12)).isFalse();
        assertThat(match(campaign12, o, after12))
                .as("the fault came before the update")
                .isFalse();
        assertThat(RuleEngine.classify(campaign12, o, List.of(o), List.of())).isEmpty();
    }

    private static boolean match(List<SeverityRule> rules, FaultObservation o, VehicleUpdate update) {
        Optional<SeverityRule> rule = RuleEngine.classify(rules, o, List.of(o), List.of(update));
        return rule.isPresent();
    }
}
