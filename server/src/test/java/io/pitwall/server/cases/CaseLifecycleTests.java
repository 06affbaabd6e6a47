package io.pitwall.server.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.cases.CaseLifecycle.Accepted;
import io.pitwall.server.cases.CaseLifecycle.Rejected;
import io.pitwall.server.cases.CaseLifecycle.Trigger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The state table of {@link CaseLifecycle}, cell by cell: every state × trigger appears exactly once. */
class CaseLifecycleTests {

    private static final Set<String> CELLS = new HashSet<>();

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "OPEN         | ACKNOWLEDGE | ACKNOWLEDGED",
                "OPEN         | START       | ✗",
                "OPEN         | RESOLVE     | ✗",
                "OPEN         | CLOSE       | ✗",
                "OPEN         | REOPEN      | ✗",
                "OPEN         | RECUR       | =",
                "OPEN         | ESCALATE    | =",
                "ACKNOWLEDGED | ACKNOWLEDGE | ✗",
                "ACKNOWLEDGED | START       | IN_PROGRESS",
                "ACKNOWLEDGED | RESOLVE     | RESOLVED",
                "ACKNOWLEDGED | CLOSE       | ✗",
                "ACKNOWLEDGED | REOPEN      | ✗",
                "ACKNOWLEDGED | RECUR       | =",
                "ACKNOWLEDGED | ESCALATE    | =",
                "IN_PROGRESS  | ACKNOWLEDGE | ✗",
                "IN_PROGRESS  | START       | ✗",
                "IN_PROGRESS  | RESOLVE     | RESOLVED",
                "IN_PROGRESS  | CLOSE       | ✗",
                "IN_PROGRESS  | REOPEN      | ✗",
                "IN_PROGRESS  | RECUR       | =",
                "IN_PROGRESS  | ESCALATE    | =",
                "RESOLVED     | ACKNOWLEDGE | ✗",
                "RESOLVED     | START       | ✗",
                "RESOLVED     | RESOLVE     | ✗",
                "RESOLVED     | CLOSE       | CLOSED",
                "RESOLVED     | REOPEN      | OPEN",
                "RESOLVED     | RECUR       | OPEN",
                "RESOLVED     | ESCALATE    | ✗",
                "CLOSED       | ACKNOWLEDGE | ✗",
                "CLOSED       | START       | ✗",
                "CLOSED       | RESOLVE     | ✗",
                "CLOSED       | CLOSE       | ✗",
                "CLOSED       | REOPEN      | OPEN",
                "CLOSED       | RECUR       | ✗",
                "CLOSED       | ESCALATE    | ✗",
            })
    void eachCellOfTheStateTableHolds(CaseStatus state, Trigger trigger, String expected) {
        CELLS.add(state + "/" + trigger);
        var result = CaseLifecycle.apply(state, trigger);
        switch (expected) {
            case "✗" -> {
                assertThat(result).isInstanceOf(Rejected.class);
                assertThat(((Rejected) result).code()).isEqualTo("invalid-case-transition");
            }
            case "=" -> assertThat(result).isEqualTo(new Accepted(state, false));
            default -> assertThat(result).isEqualTo(new Accepted(CaseStatus.valueOf(expected), true));
        }
    }

    @AfterAll
    static void everyStateAndTriggerWasCovered() {
        assertThat(CELLS).hasSize(CaseStatus.values().length * Trigger.values().length);
        assertThat(Arrays.stream(CaseStatus.values()).filter(CaseStatus::holdsKey))
                .containsExactly(CaseStatus.OPEN, CaseStatus.ACKNOWLEDGED, CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED);
    }
}
